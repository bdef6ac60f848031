package io.lethe.trainer.training;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Which rows optimizer step s trains on, as a pure function of (seed, s): sample k of the job is
 * {@code k = (s − 1)·B + j} for the step's j = 0..B−1, it falls in epoch {@code e = ⌊k / N⌋}, and
 * its row is {@code π_e[k mod N]}, where π_e is a seeded shuffle of the N rows (like HF's random
 * sampler, a new order every epoch).
 *
 * <p>Because nothing depends on what ran before, a job trained as steps 1..4 in one segment and as
 * 1..2 then 3..4 (by another trainer, after a restart) sees exactly the same batches — the data
 * half of the bit-identical resume guarantee (the optimizer state is the other half).
 */
public final class SampleOrder {

  private static final int CACHED_EPOCHS = 4;

  private final long seed;
  private final int rows;
  private final int batchSize;
  private final Map<Long, int[]> permutations =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, int[]> eldest) {
          return size() > CACHED_EPOCHS;
        }
      };

  /**
   * @param seed the job's seed
   * @param rows N, rows per epoch
   * @param batchSize B, samples per optimizer step
   */
  public SampleOrder(long seed, int rows, int batchSize) {
    if (rows < 1 || batchSize < 1) {
      throw new IllegalArgumentException("rows and batch size must be ≥ 1");
    }
    this.seed = seed;
    this.rows = rows;
    this.batchSize = batchSize;
  }

  /** The row indices of the B samples of optimizer step {@code step} (1-based), in order. */
  public int[] step(long step) {
    if (step < 1) {
      throw new IllegalArgumentException("optimizer steps are counted from 1, got " + step);
    }
    int[] out = new int[batchSize];
    long first = (step - 1) * batchSize;
    for (int j = 0; j < batchSize; j++) {
      long k = first + j;
      out[j] = order(k / rows)[(int) (k % rows)];
    }
    return out;
  }

  /** π_e: the order of the rows in epoch {@code epoch} (a Fisher–Yates shuffle). */
  public int[] permutation(long epoch) {
    return order(epoch).clone();
  }

  private int[] order(long epoch) {
    return permutations.computeIfAbsent(
        epoch,
        e -> {
          SplittableRandom random = new SplittableRandom(mix(seed) ^ mix(e + 0x632BE59BD9B4E019L));
          int[] p = new int[rows];
          for (int i = 0; i < rows; i++) {
            p[i] = i;
          }
          for (int i = rows - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
          }
          return p;
        });
  }

  /** SplitMix64's finaliser: neighbouring (seed, epoch) pairs get unrelated RNG states. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
