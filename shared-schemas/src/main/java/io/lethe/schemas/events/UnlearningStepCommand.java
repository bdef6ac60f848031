package io.lethe.schemas.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lethe.schemas.LetheEvent;
import io.lethe.schemas.domain.DatasetRef;
import io.lethe.schemas.domain.EvaluationPlan;
import io.lethe.schemas.domain.Hyperparameters;
import io.lethe.schemas.domain.JobKind;
import io.lethe.schemas.domain.MixSpec;
import io.lethe.schemas.domain.ModelRef;
import java.time.Instant;
import java.util.UUID;

/**
 * A segment command on {@code unlearning-steps}: train optimizer steps {@code (fromStep, toStep]}
 * of a job, or mix two checkpoints. Applying it is idempotent by (jobId, toStep): a replayed
 * command never applies twice.
 *
 * @param segment ordinal of the segment within the job (0-based)
 * @param fromStep optimizer step the segment starts after (0 = the starting checkpoint)
 * @param toStep optimizer step the segment ends at; its checkpoint carries this step
 * @param kind FINETUNE, UNLEARN or MIX
 * @param method unlearning method, e.g. {@code GA+GD}, {@code ME+GD}, {@code IDK+AP}; null for
 *     FINETUNE and MIX
 * @param hyperparameters snapshot of the hyperparameters (null fields = method defaults)
 * @param startModel checkpoint the job started from (segment 0 trains from it)
 * @param resumeFrom checkpoint at {@code fromStep} (null for segment 0)
 * @param referenceModel frozen reference model of NPO, DPO and KL (null = startModel)
 * @param dataset data of the job
 * @param mix what to mix for MIX commands
 * @param evaluation evaluation requested for the checkpoint at {@code toStep}
 * @param seed seed of data order and initialisation
 */
public record UnlearningStepCommand(
    @JsonProperty(required = true) UUID eventId,
    @JsonProperty(required = true) int schemaVersion,
    @JsonProperty(required = true) String jobId,
    @JsonProperty(required = true) Instant occurredAt,
    @JsonProperty(required = true) int segment,
    @JsonProperty(required = true) int fromStep,
    @JsonProperty(required = true) int toStep,
    @JsonProperty(required = true) JobKind kind,
    String method,
    Hyperparameters hyperparameters,
    ModelRef startModel,
    ModelRef resumeFrom,
    ModelRef referenceModel,
    DatasetRef dataset,
    MixSpec mix,
    EvaluationPlan evaluation,
    long seed)
    implements LetheEvent {

  /** Current schema version of this event. */
  public static final int SCHEMA_VERSION = 1;
}
