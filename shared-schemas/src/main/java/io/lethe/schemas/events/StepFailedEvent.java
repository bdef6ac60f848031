package io.lethe.schemas.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lethe.schemas.LetheEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A segment the trainer could not complete, on {@code step-failures}; the controller turns it into
 * a FAIL or HALT decision. The trainer keeps running.
 *
 * @param step optimizer step at which it failed
 * @param segment the segment
 * @param category machine-readable cause: {@code NON_FINITE_LOSS}, {@code NON_FINITE_GRADIENT},
 *     {@code CHECKPOINT_REJECTED}, {@code INVALID_COMMAND}, {@code TRAINING_ERROR}
 * @param reason human-readable explanation
 */
public record StepFailedEvent(
    @JsonProperty(required = true) UUID eventId,
    @JsonProperty(required = true) int schemaVersion,
    @JsonProperty(required = true) String jobId,
    @JsonProperty(required = true) Instant occurredAt,
    @JsonProperty(required = true) int step,
    @JsonProperty(required = true) int segment,
    @JsonProperty(required = true) String category,
    @JsonProperty(required = true) String reason)
    implements LetheEvent {

  /** Current schema version of this event. */
  public static final int SCHEMA_VERSION = 1;
}
