package io.lethe.metrics.stats;

/**
 * Outcome of a two-sided two-sample Kolmogorov–Smirnov test.
 *
 * @param n1 size of the first sample
 * @param n2 size of the second sample
 * @param statistic D = sup |F1 − F2|, snapped to a multiple of 1/lcm(n1, n2) as scipy does; NaN
 *     when it could not be computed
 * @param pValue the p-value; NaN when not computed
 * @param method how the p-value was obtained; null when not computed
 * @param notComputedReason why the p-value is missing; null when computed
 */
public record KsTestResult(
    int n1,
    int n2,
    double statistic,
    double pValue,
    KsPValueMethod method,
    String notComputedReason) {

  /** Whether {@link #pValue()} holds a number. */
  public boolean computed() {
    return notComputedReason == null;
  }
}
