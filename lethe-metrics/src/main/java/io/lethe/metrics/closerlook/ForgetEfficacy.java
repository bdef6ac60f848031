package io.lethe.metrics.closerlook;

import io.lethe.metrics.MetricIds;
import io.lethe.metrics.MetricValue;
import java.util.ArrayList;
import java.util.List;

/**
 * closer-look's forget efficacy ({@link MetricIds#CL_FORGET_EFFICACY}, methods.md §1.7): {@code FE
 * = 1 − mean(Forget ROUGE, Forget Probability, Forget TR_F, Forget CS, Forget ES)}, token entropy
 * excluded; higher means more forgetting. If any of the five terms is not computed (typically CS or
 * ES when the embedding / NLI model is unavailable), FE is not computed either — a mean over fewer
 * terms would be a different metric.
 */
public final class ForgetEfficacy {

  private ForgetEfficacy() {}

  /** FE from the forget set's closer-look scores (token entropy is ignored). */
  public static MetricValue of(CloserLookSetScores forget) {
    return of(
        forget.rougeLRecall(),
        forget.probability(),
        forget.truthRatio(),
        forget.cosineSimilarity(),
        forget.entailment());
  }

  /**
   * FE from its five terms.
   *
   * @throws IllegalArgumentException if a term carries another metric's id — in particular a TOFU
   *     forget truth ratio where sail-sg's TR_F ({@link ForgetTruthRatio}) belongs
   */
  public static MetricValue of(
      MetricValue rougeLRecall,
      MetricValue probability,
      MetricValue forgetTruthRatio,
      MetricValue cosineSimilarity,
      MetricValue entailment) {
    requireId(rougeLRecall, MetricIds.TOFU_ROUGE_L_RECALL);
    requireId(probability, MetricIds.TOFU_PROBABILITY);
    requireId(forgetTruthRatio, MetricIds.CL_FORGET_TRUTH_RATIO);
    requireId(cosineSimilarity, MetricIds.CL_COSINE_SIMILARITY);
    requireId(entailment, MetricIds.CL_ENTAILMENT);
    List<MetricValue> terms =
        List.of(rougeLRecall, probability, forgetTruthRatio, cosineSimilarity, entailment);
    List<String> missing = new ArrayList<>();
    double sum = 0;
    for (MetricValue term : terms) {
      if (term.computed()) {
        sum += term.value();
      } else {
        missing.add(term.definitionId() + " (" + term.notComputedReason() + ")");
      }
    }
    if (!missing.isEmpty()) {
      return MetricValue.notComputed(
          MetricIds.CL_FORGET_EFFICACY,
          "forget efficacy needs all five forget terms; not computed: "
              + String.join("; ", missing));
    }
    return MetricValue.of(MetricIds.CL_FORGET_EFFICACY, 1.0 - sum / terms.size());
  }

  private static void requireId(MetricValue value, String expectedId) {
    if (!value.definitionId().equals(expectedId)) {
      throw new IllegalArgumentException(
          "expected a " + expectedId + " term, got " + value.definitionId());
    }
  }
}
