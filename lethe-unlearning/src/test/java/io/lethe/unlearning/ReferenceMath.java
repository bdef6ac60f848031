package io.lethe.unlearning;

/**
 * methods.md §0.3 and §1.3 re-derived in plain double arithmetic over Java arrays, independent of
 * DJL and of the production code, so tests compare the NDArray losses against a second, obviously
 * written computation.
 */
public final class ReferenceMath {

  public static final int IGNORE = -100;

  private ReferenceMath() {}

  /** log softmax of one logit row. */
  public static double[] logSoftmax(float[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (float v : z) {
      max = Math.max(max, v);
    }
    double sum = 0;
    for (float v : z) {
      sum += Math.exp(v - max);
    }
    double logZ = max + Math.log(sum);
    double[] out = new double[z.length];
    for (int i = 0; i < z.length; i++) {
      out[i] = z[i] - logZ;
    }
    return out;
  }

  /** softmax of one logit row. */
  public static double[] softmax(float[] z) {
    double[] lp = logSoftmax(z);
    double[] p = new double[lp.length];
    for (int i = 0; i < lp.length; i++) {
      p[i] = Math.exp(lp[i]);
    }
    return p;
  }

  /** ℓ[i][t] = −log p(labels[i][t+1] | z[i][t]), 0 where the label is −100. */
  public static double[][] perTokenNll(float[][][] logits, long[][] labels) {
    int b = logits.length;
    int l = logits[0].length;
    double[][] out = new double[b][l - 1];
    for (int i = 0; i < b; i++) {
      for (int t = 0; t < l - 1; t++) {
        long y = labels[i][t + 1];
        if (y != IGNORE) {
          out[i][t] = -logSoftmax(logits[i][t])[(int) y];
        }
      }
    }
    return out;
  }

  /** Number of valid next-token targets of row i. */
  public static int count(long[] labels) {
    int n = 0;
    for (int t = 1; t < labels.length; t++) {
      if (labels[t] != IGNORE) {
        n++;
      }
    }
    return n;
  }

  /** HF mean: Σ valid ℓ / #valid over the batch. */
  public static double mean(float[][][] logits, long[][] labels) {
    double[][] nll = perTokenNll(logits, labels);
    double sum = 0;
    int n = 0;
    for (int i = 0; i < labels.length; i++) {
      for (double v : nll[i]) {
        sum += v;
      }
      n += count(labels[i]);
    }
    return sum / n;
  }

  /** S_i = Σ_t valid ℓ. */
  public static double[] perSequence(float[][][] logits, long[][] labels) {
    double[][] nll = perTokenNll(logits, labels);
    double[] s = new double[nll.length];
    for (int i = 0; i < nll.length; i++) {
      for (double v : nll[i]) {
        s[i] += v;
      }
    }
    return s;
  }

  /** log(1 + e^x). */
  public static double softplus(double x) {
    return Math.log1p(Math.exp(x));
  }

  /** −log σ(x) = log(1 + e^{−x}). */
  public static double negLogSigmoid(double x) {
    return Math.log1p(Math.exp(-x));
  }

  /** Shannon entropy (nats) of a logit row's softmax. */
  public static double entropy(float[] z) {
    double[] lp = logSoftmax(z);
    double h = 0;
    for (double v : lp) {
      h -= Math.exp(v) * v;
    }
    return h;
  }

  /** Arithmetic mean. */
  public static double average(double[] xs) {
    double s = 0;
    for (double x : xs) {
      s += x;
    }
    return s / xs.length;
  }
}
