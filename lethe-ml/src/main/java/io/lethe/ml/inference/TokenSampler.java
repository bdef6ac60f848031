package io.lethe.ml.inference;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Picks the next token from one row of logits, on the host so that a seed gives the same tokens on
 * any device: greedy argmax (first index on ties, as torch.argmax), or HF-style sampling
 * (temperature warper, then top-p warper, then a multinomial draw).
 */
public final class TokenSampler {

  private final GenerationConfig config;
  private final SplittableRandom random;

  /** A sampler for {@code config}, its RNG seeded with {@code config.seed()}. */
  public TokenSampler(GenerationConfig config) {
    this.config = config;
    this.random = new SplittableRandom(config.seed());
  }

  /** Next token for {@code logits[offset, offset + vocab)}. */
  public int next(float[] logits, int offset, int vocab) {
    if (!config.sample()) {
      return argmax(logits, offset, vocab);
    }
    double[] scaled = new double[vocab];
    double max = Double.NEGATIVE_INFINITY;
    for (int v = 0; v < vocab; v++) {
      scaled[v] = logits[offset + v] / config.temperature();
      max = Math.max(max, scaled[v]);
    }
    double z = 0;
    double[] p = new double[vocab];
    for (int v = 0; v < vocab; v++) {
      p[v] = Math.exp(scaled[v] - max);
      z += p[v];
    }
    for (int v = 0; v < vocab; v++) {
      p[v] /= z;
    }
    boolean[] kept = topP(p, scaled, config.topP());
    double mass = 0;
    for (int v = 0; v < vocab; v++) {
      if (kept[v]) {
        mass += p[v];
      }
    }
    double u = random.nextDouble() * mass;
    int last = -1;
    for (int v = 0; v < vocab; v++) {
      if (kept[v]) {
        last = v;
        u -= p[v];
        if (u < 0) {
          return v;
        }
      }
    }
    return last;
  }

  /** Greedy choice: index of the largest logit, the first one on ties. */
  static int argmax(float[] logits, int offset, int vocab) {
    int best = 0;
    for (int v = 1; v < vocab; v++) {
      if (logits[offset + v] > logits[offset + best]) {
        best = v;
      }
    }
    return best;
  }

  /**
   * HF {@code TopPLogitsWarper}: sort ascending, drop tokens while the cumulative probability stays
   * ≤ 1 − top_p, always keep the most likely token.
   */
  static boolean[] topP(double[] p, double[] logits, double topP) {
    boolean[] kept = new boolean[p.length];
    Arrays.fill(kept, true);
    if (topP >= 1.0) {
      return kept;
    }
    Integer[] order = new Integer[p.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(logits[a], logits[b]));
    double cumulative = 0;
    for (int i = 0; i < order.length - 1; i++) {
      cumulative += p[order[i]];
      if (cumulative <= 1 - topP) {
        kept[order[i]] = false;
      } else {
        break;
      }
    }
    return kept;
  }
}
