package io.lethe.schemas.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lethe.schemas.LetheEvent;
import io.lethe.schemas.domain.DatasetRef;
import io.lethe.schemas.domain.EvaluationPlan;
import io.lethe.schemas.domain.JobKind;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A checkpoint written at a segment end, on {@code checkpoints}.
 *
 * @param step optimizer step of the checkpoint (0 = the starting model)
 * @param segment segment that produced it
 * @param kind what produced it
 * @param uri checkpoint directory URI
 * @param sha256 SHA-256 of its {@code model.safetensors}
 * @param parentSha256 SHA-256 of the checkpoint it was trained from
 * @param lossTerms mean loss per term over the segment, e.g. {@code forget}, {@code retain}, {@code
 *     total}
 * @param gradNorm global gradient norm of the last step (before clipping)
 * @param tokens tokens processed in the segment
 * @param seconds wall time of the segment
 * @param mixAlpha α when the checkpoint is a MIX result
 * @param dataset data of the job (the generator builds the evaluation sets from it)
 * @param evaluation evaluation requested for this checkpoint
 * @param plannedSteps total optimizer steps of the job's schedule, as the trainer resolved it from
 *     the data and hyperparameters (e.g. ⌊epochs·N_forget / effective batch⌋, methods.md §1.4)
 */
public record CheckpointEvent(
    @JsonProperty(required = true) UUID eventId,
    @JsonProperty(required = true) int schemaVersion,
    @JsonProperty(required = true) String jobId,
    @JsonProperty(required = true) Instant occurredAt,
    @JsonProperty(required = true) int step,
    @JsonProperty(required = true) int segment,
    @JsonProperty(required = true) JobKind kind,
    @JsonProperty(required = true) String uri,
    @JsonProperty(required = true) String sha256,
    String parentSha256,
    Map<String, Double> lossTerms,
    Double gradNorm,
    long tokens,
    double seconds,
    Double mixAlpha,
    DatasetRef dataset,
    EvaluationPlan evaluation,
    Integer plannedSteps)
    implements LetheEvent {

  /** Current schema version of this event. */
  public static final int SCHEMA_VERSION = 1;
}
