package io.lethe.metrics.tofu;

import io.lethe.metrics.MetricIds;
import io.lethe.metrics.MetricValue;
import io.lethe.metrics.stats.KsTestResult;
import io.lethe.metrics.stats.TwoSampleKolmogorovSmirnov;

/**
 * TOFU's forget quality ({@link MetricIds#TOFU_FORGET_QUALITY}, methods.md §3.4): the p-value of
 * the two-sided two-sample KS test between the per-item truth ratios x of the unlearned model and
 * of the retain model on the same forget set ({@code aggregate_eval_stat.py::get_forget_quality}).
 * A high value means the unlearned model's truth-ratio distribution is indistinguishable from a
 * model that never saw the forget set.
 */
public final class ForgetQuality {

  private ForgetQuality() {}

  /** The full KS outcome (statistic, p-value, how it was computed). */
  public static KsTestResult test(double[] unlearnedTruthRatios, double[] retainTruthRatios) {
    return TwoSampleKolmogorovSmirnov.test(unlearnedTruthRatios, retainTruthRatios);
  }

  /** The forget quality, or why it could not be computed. */
  public static MetricValue of(double[] unlearnedTruthRatios, double[] retainTruthRatios) {
    return pValue(test(unlearnedTruthRatios, retainTruthRatios));
  }

  /** The forget-quality metric of a KS outcome. */
  public static MetricValue pValue(KsTestResult result) {
    return result.computed()
        ? MetricValue.of(MetricIds.TOFU_FORGET_QUALITY, result.pValue())
        : MetricValue.notComputed(MetricIds.TOFU_FORGET_QUALITY, result.notComputedReason());
  }

  /** The KS statistic D of a KS outcome ({@link MetricIds#TOFU_FORGET_KS_STATISTIC}). */
  public static MetricValue statistic(KsTestResult result) {
    return Double.isNaN(result.statistic())
        ? MetricValue.notComputed(MetricIds.TOFU_FORGET_KS_STATISTIC, result.notComputedReason())
        : MetricValue.of(MetricIds.TOFU_FORGET_KS_STATISTIC, result.statistic());
  }
}
