package io.lethe.metrics.offline;

import io.lethe.metrics.MetricValue;
import io.lethe.metrics.stats.KsTestResult;
import io.lethe.metrics.tofu.TofuEvalSet;
import java.util.Map;

/**
 * What TOFU's {@code aggregate_eval_stat.py} reports for one unlearned model against a retain
 * model: per-set ROUGE / probability / truth ratio, model utility and forget quality.
 *
 * @param sets per-set results of the unlearned model, in {@link TofuEvalSet} order
 * @param modelUtility harmonic mean of the 9 non-forget numbers
 * @param forgetQuality KS p-value of forget-set truth ratios, unlearned vs retain model
 * @param forgetTest the full KS outcome behind {@code forgetQuality}
 */
public record TofuAggregate(
    Map<TofuEvalSet, TofuSetResult> sets,
    MetricValue modelUtility,
    MetricValue forgetQuality,
    KsTestResult forgetTest) {

  /** The result of one set. */
  public TofuSetResult set(TofuEvalSet set) {
    return sets.get(set);
  }
}
