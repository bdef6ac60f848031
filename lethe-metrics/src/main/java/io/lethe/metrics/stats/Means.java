package io.lethe.metrics.stats;

/** Arithmetic and harmonic means with the conventions of NumPy / SciPy that the papers used. */
public final class Means {

  private Means() {}

  /** The arithmetic mean; NaN propagates as in {@code np.mean}. */
  public static double arithmetic(double... values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("mean of no values");
    }
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  /**
   * The harmonic mean {@code 1 / mean(1/x)} as {@code scipy.stats.hmean}: any zero entry makes it 0
   * (1/0 = ∞), which is how TOFU's model utility collapses when one component is 0.
   *
   * @throws IllegalArgumentException for no values, a negative value or NaN (hmean is undefined)
   */
  public static double harmonic(double... values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("harmonic mean of no values");
    }
    double sumOfReciprocals = 0;
    for (double v : values) {
      if (Double.isNaN(v) || v < 0) {
        throw new IllegalArgumentException("harmonic mean is only defined for values >= 0: " + v);
      }
      sumOfReciprocals += 1.0 / v;
    }
    return 1.0 / (sumOfReciprocals / values.length);
  }
}
