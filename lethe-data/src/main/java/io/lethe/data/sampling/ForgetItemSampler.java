package io.lethe.data.sampling;

import io.lethe.data.QaItem;
import io.lethe.data.QaPair;
import io.lethe.data.UnlearningBenchmark;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds closer-look's per-item training sample (methods.md §1.2, sail-sg {@code
 * TextForgetDatasetQA}): an epoch is one pass over the forget set, and forget item {@code idx} is
 * paired with a retain item and a refusal template chosen by an RNG seeded with {@code idx}, so
 * every run (and every replica resuming a job) draws the same pairs:
 *
 * <pre>
 * rng = seeded(idx)
 * r   = (idx + rng.randint(0, |R|)) mod |R|      retain partner
 * k   = rng.randint(0, |IDK|)                    refusal template (the same k for both IDK slots)
 * </pre>
 *
 * <p>Deviation: the reference calls {@code torch.manual_seed(idx)} and {@code torch.randint}; here
 * the RNG is Java's {@link SplittableRandom} seeded with {@code idx} (SplitMix64, identical across
 * JVMs). The draws are therefore deterministic and uniform like the reference's but not the same
 * numbers. sail-sg draws {@code k} from a fixed 100; here the bound is the number of refusal
 * templates (100 for TOFU's file, so identical in range).
 */
public final class ForgetItemSampler {

  private final List<QaPair> forget;
  private final List<QaPair> retain;
  private final List<String> refusals;

  /**
   * @param forget the forget set F (one epoch = |F| samples)
   * @param retain the retain set R
   * @param refusals the refusal templates IDK (already stripped)
   */
  public ForgetItemSampler(List<QaPair> forget, List<QaPair> retain, List<String> refusals) {
    if (forget.isEmpty() || retain.isEmpty() || refusals.isEmpty()) {
      throw new IllegalArgumentException("forget, retain and refusals must not be empty");
    }
    this.forget = List.copyOf(forget);
    this.retain = List.copyOf(retain);
    this.refusals = List.copyOf(refusals);
  }

  /** The sampler of a benchmark: its forget and retain rows and its refusal templates. */
  public static ForgetItemSampler forBenchmark(UnlearningBenchmark benchmark) {
    return new ForgetItemSampler(
        benchmark.forget().stream().map(QaItem::pair).toList(),
        benchmark.retain().stream().map(QaItem::pair).toList(),
        benchmark.refusals());
  }

  /** Samples per epoch: |F|. */
  public int size() {
    return forget.size();
  }

  /** The five slots of forget item {@code idx} (0 ≤ idx < {@link #size()}). */
  public ForgetSample sample(int idx) {
    if (idx < 0 || idx >= forget.size()) {
      throw new IndexOutOfBoundsException("forget index " + idx + " of " + forget.size());
    }
    SplittableRandom rng = new SplittableRandom(idx);
    int r = (idx + rng.nextInt(retain.size())) % retain.size();
    int k = rng.nextInt(refusals.size());
    QaPair f = forget.get(idx);
    QaPair rr = retain.get(r);
    String idk = refusals.get(k).strip();
    return new ForgetSample(
        idx,
        r,
        k,
        f,
        rr,
        new QaPair(f.question(), idk),
        new QaPair(rr.question(), idk),
        new QaPair(f.question(), rr.answer()));
  }
}
