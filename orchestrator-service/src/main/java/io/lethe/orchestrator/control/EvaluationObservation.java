package io.lethe.orchestrator.control;

import io.lethe.schemas.domain.EvaluationKind;
import io.lethe.schemas.domain.MetricResult;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The computed metrics of one evaluated checkpoint (metrics that could not be computed are absent).
 *
 * @param step step of the evaluated checkpoint
 * @param sha256 SHA-256 of the evaluated weights (identifies mixed models, which share a step)
 * @param kind probe or full
 * @param metrics metric id → value
 * @param mixAlpha α when the evaluated checkpoint is a mixed model, else null
 */
public record EvaluationObservation(
    int step, String sha256, EvaluationKind kind, Map<String, Double> metrics, Double mixAlpha) {

  /**
   * The values of the metrics that were computed (a metric that could not be computed is absent:
   * the controller never decides on a placeholder).
   */
  public static Map<String, Double> computedValues(Map<String, MetricResult> metrics) {
    Map<String, Double> computed = new LinkedHashMap<>();
    metrics.forEach(
        (id, r) -> {
          if (r != null && r.computed() && r.value() != null) {
            computed.put(id, r.value());
          }
        });
    return computed;
  }

  /** Whether this evaluates a mixed model of a MIX search. */
  public boolean isMix() {
    return mixAlpha != null;
  }
}
