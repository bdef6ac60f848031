package io.lethe.orchestrator.control;

import io.lethe.schemas.domain.Decision;
import java.util.Map;

/**
 * A decision and everything it was based on (persisted and published for audit).
 *
 * @param decision what to do
 * @param reason why, in words a person can check against {@code observed}
 * @param observed the values looked at: metrics, baselines, floors, guards
 * @param resultSha256 the job's result when the decision ends it (the last checkpoint that met
 *     every floor), or null
 * @param mixAlpha α of the next mixed model to try, for MIX
 */
public record ControlDecision(
    Decision decision,
    String reason,
    Map<String, Double> observed,
    String resultSha256,
    Double mixAlpha) {}
