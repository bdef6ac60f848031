package io.lethe.metrics.offline;

import io.lethe.metrics.MetricIds;
import io.lethe.metrics.MetricValue;
import io.lethe.metrics.stats.KsTestResult;
import io.lethe.metrics.stats.Means;
import io.lethe.metrics.tofu.AnswerProbability;
import io.lethe.metrics.tofu.ForgetQuality;
import io.lethe.metrics.tofu.TofuEvalSet;
import io.lethe.metrics.tofu.TofuModelUtility;
import io.lethe.metrics.tofu.TofuSetScores;
import io.lethe.metrics.tofu.TruthRatio;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * TOFU's offline aggregation ({@code locuslab/tofu:aggregate_eval_stat.py}) over evaluation logs:
 * from the stored per-token average losses, probability = mean exp(−avg_gt_loss) (options-
 * normalised on real authors / world facts), ROUGE = mean rougeL_recall, truth ratio from x =
 * exp(mean(average_perturb_loss) − avg_paraphrased_loss), model utility = hmean of the 9 non-forget
 * numbers, and forget quality = KS p-value of the forget-set x of the unlearned vs the retain
 * model.
 */
public final class TofuAggregator {

  private TofuAggregator() {}

  /** Aggregates an unlearned model's log against a retain model's log. */
  public static TofuAggregate aggregate(TofuEvalLog unlearned, TofuEvalLog retain) {
    Map<TofuEvalSet, TofuSetResult> sets = new EnumMap<>(TofuEvalSet.class);
    for (TofuEvalSet set : TofuEvalSet.values()) {
      sets.put(set, scoreSet(set, unlearned.set(set)));
    }
    MetricValue modelUtility =
        TofuModelUtility.of(
            sets.get(TofuEvalSet.RETAIN).scores(),
            sets.get(TofuEvalSet.REAL_AUTHORS).scores(),
            sets.get(TofuEvalSet.WORLD_FACTS).scores());
    double[] retainForgetRatios =
        TruthRatio.perItem(
            retain.set(TofuEvalSet.FORGET).avgParaphrasedLoss(),
            retain.set(TofuEvalSet.FORGET).averagePerturbLoss());
    KsTestResult test =
        ForgetQuality.test(sets.get(TofuEvalSet.FORGET).truthRatios(), retainForgetRatios);
    return new TofuAggregate(
        Collections.unmodifiableMap(sets), modelUtility, ForgetQuality.pValue(test), test);
  }

  /** The three TOFU numbers of one set. */
  public static TofuSetResult scoreSet(TofuEvalSet set, TofuSetLog log) {
    MetricValue rouge =
        log.size() == 0
            ? MetricValue.notComputed(MetricIds.TOFU_ROUGE_L_RECALL, "no items")
            : MetricValue.of(MetricIds.TOFU_ROUGE_L_RECALL, Means.arithmetic(log.rougeLRecall()));
    MetricValue probability =
        AnswerProbability.forSet(set, log.avgGtLoss(), log.averagePerturbLoss());
    double[] x = TruthRatio.perItem(log.avgParaphrasedLoss(), log.averagePerturbLoss());
    MetricValue truthRatio = TruthRatio.forSet(set, x);
    return new TofuSetResult(set, new TofuSetScores(rouge, probability, truthRatio), x);
  }
}
