package io.lethe.metrics.tofu;

import io.lethe.metrics.MetricValue;
import java.util.List;
import java.util.Objects;

/**
 * The three TOFU numbers of one evaluation set (methods.md §3.4).
 *
 * @param rougeLRecall mean ROUGE-L recall
 * @param probability mean (or options-normalised) answer probability
 * @param truthRatio the set's truth-ratio aggregate
 */
public record TofuSetScores(
    MetricValue rougeLRecall, MetricValue probability, MetricValue truthRatio) {

  /** Rejects missing components (a component that could not be computed says so itself). */
  public TofuSetScores {
    Objects.requireNonNull(rougeLRecall, "rougeLRecall");
    Objects.requireNonNull(probability, "probability");
    Objects.requireNonNull(truthRatio, "truthRatio");
  }

  /** The three values in TOFU's order (ROUGE, Prob., Truth Ratio). */
  public List<MetricValue> asList() {
    return List.of(rougeLRecall, probability, truthRatio);
  }
}
