package io.lethe.schemas.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lethe.schemas.LetheEvent;
import io.lethe.schemas.domain.EnvironmentFingerprint;
import io.lethe.schemas.domain.EvaluationKind;
import io.lethe.schemas.domain.GenerationItem;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One shard of an evaluation, on {@code generations}: generated answers and teacher-forced scores
 * of a slice of one evaluation set. The evaluator assembles all shards of (jobId, step) before
 * computing metrics.
 *
 * @param step optimizer step of the evaluated checkpoint
 * @param checkpointSha256 SHA-256 of the evaluated weights
 * @param model {@code candidate} (the job's checkpoint) or {@code retain} (the retain reference
 *     model, for forget quality)
 * @param kind probe or full
 * @param evalSet evaluation set name
 * @param shard shard index within (model, evalSet)
 * @param shardCount number of shards of this (model, evalSet)
 * @param totalShards shards of the whole evaluation (all models and sets), so the evaluator knows
 *     when it has all
 * @param items the shard's items
 * @param environment engine, precision and device the generator ran on (the evaluator passes it on)
 */
public record GenerationEvent(
    @JsonProperty(required = true) UUID eventId,
    @JsonProperty(required = true) int schemaVersion,
    @JsonProperty(required = true) String jobId,
    @JsonProperty(required = true) Instant occurredAt,
    @JsonProperty(required = true) int step,
    @JsonProperty(required = true) String checkpointSha256,
    @JsonProperty(required = true) String model,
    @JsonProperty(required = true) EvaluationKind kind,
    @JsonProperty(required = true) String evalSet,
    @JsonProperty(required = true) int shard,
    @JsonProperty(required = true) int shardCount,
    @JsonProperty(required = true) int totalShards,
    @JsonProperty(required = true) List<GenerationItem> items,
    EnvironmentFingerprint environment)
    implements LetheEvent {

  /** Current schema version of this event. */
  public static final int SCHEMA_VERSION = 1;
}
