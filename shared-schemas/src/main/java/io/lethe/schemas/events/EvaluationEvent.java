package io.lethe.schemas.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lethe.schemas.LetheEvent;
import io.lethe.schemas.domain.EnvironmentFingerprint;
import io.lethe.schemas.domain.EvaluationKind;
import io.lethe.schemas.domain.MetricResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The metrics of one checkpoint, on {@code evaluations}. Every metric is keyed by its versioned
 * definition id ({@code tofu.model_utility@1} ≠ {@code cl.model_utility@1}); per-set metrics are
 * keyed {@code <id>/<evalSet>}.
 *
 * @param step optimizer step of the evaluated checkpoint
 * @param checkpointSha256 SHA-256 of the evaluated weights
 * @param kind probe or full
 * @param metrics metric id → value or the reason it was not computed
 * @param perSample metric id → per-item values (for distributions and forget quality)
 * @param environment engine, precision, device and model hash the numbers came from
 */
public record EvaluationEvent(
    @JsonProperty(required = true) UUID eventId,
    @JsonProperty(required = true) int schemaVersion,
    @JsonProperty(required = true) String jobId,
    @JsonProperty(required = true) Instant occurredAt,
    @JsonProperty(required = true) int step,
    @JsonProperty(required = true) String checkpointSha256,
    @JsonProperty(required = true) EvaluationKind kind,
    @JsonProperty(required = true) Map<String, MetricResult> metrics,
    Map<String, List<Double>> perSample,
    EnvironmentFingerprint environment)
    implements LetheEvent {

  /** Current schema version of this event. */
  public static final int SCHEMA_VERSION = 1;
}
