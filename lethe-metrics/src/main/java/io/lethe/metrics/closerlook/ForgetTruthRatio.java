package io.lethe.metrics.closerlook;

import io.lethe.metrics.MetricIds;
import io.lethe.metrics.MetricValue;
import io.lethe.metrics.tofu.TruthRatio;

/**
 * sail-sg's forget truth ratio {@code TR_F = 1 − mean min(x, 1/x)} ({@link
 * MetricIds#CL_FORGET_TRUTH_RATIO}, methods.md §1.7 item 3): one minus TOFU's forget truth ratio,
 * so that it measures retained knowledge and enters forget efficacy with the right sign.
 */
public final class ForgetTruthRatio {

  private ForgetTruthRatio() {}

  /** TR_F from the per-item truth ratios x of the forget set. */
  public static MetricValue of(double[] x) {
    if (x.length == 0) {
      return MetricValue.notComputed(MetricIds.CL_FORGET_TRUTH_RATIO, "no items");
    }
    return MetricValue.of(MetricIds.CL_FORGET_TRUTH_RATIO, 1 - TruthRatio.meanMinOfXAndInverse(x));
  }
}
