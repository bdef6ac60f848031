package io.lethe.schemas.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lethe.schemas.LetheEvent;
import io.lethe.schemas.domain.ControlPolicy;
import io.lethe.schemas.domain.Decision;
import io.lethe.schemas.domain.ModelRef;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A decision of the controller with everything it was based on, on {@code control-decisions} (audit
 * trail, downstream consumers, Grafana).
 *
 * @param step the step the decision was taken at
 * @param decision CONTINUE, HALT, ROLLBACK, MIX, COMPLETE or FAIL
 * @param reason why, in words
 * @param policy the policy in force
 * @param observed the values the decision looked at (metric id → value), including baselines
 * @param result the job's result checkpoint when the decision ends the job (the best one that met
 *     every floor)
 * @param mixAlpha α of a MIX decision
 */
public record ControlDecisionEvent(
    @JsonProperty(required = true) UUID eventId,
    @JsonProperty(required = true) int schemaVersion,
    @JsonProperty(required = true) String jobId,
    @JsonProperty(required = true) Instant occurredAt,
    @JsonProperty(required = true) int step,
    @JsonProperty(required = true) Decision decision,
    @JsonProperty(required = true) String reason,
    ControlPolicy policy,
    Map<String, Double> observed,
    ModelRef result,
    Double mixAlpha)
    implements LetheEvent {

  /** Current schema version of this event. */
  public static final int SCHEMA_VERSION = 1;
}
