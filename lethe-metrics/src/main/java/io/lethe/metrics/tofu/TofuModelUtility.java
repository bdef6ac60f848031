package io.lethe.metrics.tofu;

import io.lethe.metrics.HarmonicUtility;
import io.lethe.metrics.HarmonicUtility.LabelledValue;
import io.lethe.metrics.MetricIds;
import io.lethe.metrics.MetricValue;
import java.util.ArrayList;
import java.util.List;

/**
 * TOFU's model utility ({@link MetricIds#TOFU_MODEL_UTILITY}, methods.md §3.4): the harmonic mean
 * of the 9 numbers {ROUGE-L, Probability, Truth Ratio} × {Retain, Real Authors, World Facts}, 0 if
 * any of them is 0 ({@code aggregate_eval_stat.py::get_model_utility}).
 */
public final class TofuModelUtility {

  private TofuModelUtility() {}

  /** The model utility of the three non-forget sets. */
  public static MetricValue of(
      TofuSetScores retain, TofuSetScores realAuthors, TofuSetScores worldFacts) {
    List<LabelledValue> components = new ArrayList<>();
    add(components, TofuEvalSet.RETAIN, retain);
    add(components, TofuEvalSet.REAL_AUTHORS, realAuthors);
    add(components, TofuEvalSet.WORLD_FACTS, worldFacts);
    return HarmonicUtility.of(MetricIds.TOFU_MODEL_UTILITY, components);
  }

  private static void add(List<LabelledValue> out, TofuEvalSet set, TofuSetScores scores) {
    String name = set.displayName();
    out.add(new LabelledValue(name + " ROUGE", scores.rougeLRecall()));
    out.add(new LabelledValue(name + " Prob.", scores.probability()));
    out.add(new LabelledValue(name + " Truth Ratio", scores.truthRatio()));
  }
}
