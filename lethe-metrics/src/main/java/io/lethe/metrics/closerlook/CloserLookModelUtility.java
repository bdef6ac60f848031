package io.lethe.metrics.closerlook;

import io.lethe.metrics.HarmonicUtility;
import io.lethe.metrics.HarmonicUtility.LabelledValue;
import io.lethe.metrics.MetricIds;
import io.lethe.metrics.MetricValue;
import io.lethe.metrics.tofu.TofuEvalSet;
import java.util.ArrayList;
import java.util.List;

/**
 * closer-look's model utilities (methods.md §1.7 aggregates, {@code get_eval_results}): {@link
 * MetricIds#CL_MODEL_UTILITY} = harmonic mean of the 18 non-forget numbers {Retain, Real Authors,
 * World Facts} × {ROUGE, Probability, Truth Ratio, TE, CS, ES}, and {@link
 * MetricIds#CL_MODEL_UTILITY_RETAIN} = harmonic mean of the 6 retain numbers. 0 if any entry is 0;
 * not computed if any entry is not computed (e.g. CS/ES without their models).
 */
public final class CloserLookModelUtility {

  private CloserLookModelUtility() {}

  /** The 18-term model utility. */
  public static MetricValue of(
      CloserLookSetScores retain, CloserLookSetScores realAuthors, CloserLookSetScores worldFacts) {
    List<LabelledValue> components = new ArrayList<>();
    add(components, TofuEvalSet.REAL_AUTHORS, realAuthors);
    add(components, TofuEvalSet.WORLD_FACTS, worldFacts);
    add(components, TofuEvalSet.RETAIN, retain);
    return HarmonicUtility.of(MetricIds.CL_MODEL_UTILITY, components);
  }

  /** The 6-term "Model Utility Retain". */
  public static MetricValue retainOnly(CloserLookSetScores retain) {
    List<LabelledValue> components = new ArrayList<>();
    add(components, TofuEvalSet.RETAIN, retain);
    return HarmonicUtility.of(MetricIds.CL_MODEL_UTILITY_RETAIN, components);
  }

  private static void add(List<LabelledValue> out, TofuEvalSet set, CloserLookSetScores scores) {
    List<MetricValue> values = scores.asList();
    for (int i = 0; i < values.size(); i++) {
      out.add(
          new LabelledValue(
              set.displayName() + " " + CloserLookSetScores.METRIC_NAMES.get(i), values.get(i)));
    }
  }
}
