package io.lethe.orchestrator.control;

import io.lethe.schemas.domain.EvaluationKind;
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

  /** Whether this evaluates a mixed model of a MIX search. */
  public boolean isMix() {
    return mixAlpha != null;
  }
}
