package io.lethe.generator;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lethe.schemas.LetheEvent;
import io.lethe.schemas.domain.DatasetRef;
import io.lethe.schemas.domain.EvaluationKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * One shard of a planned evaluation, on {@code generation-tasks}: which model to load (verified by
 * its hash), which slice of which evaluation set to generate and score, and where the shard sits in
 * the evaluation — everything a generator replica needs without any state of its own.
 *
 * <p>The {@code eventId} is a name-based UUID of (checkpoint event, model, set, shard): a
 * checkpoint event that is planned twice (redelivered after a crash) yields the same task ids, and
 * the generation events derived from them the same ids, so every duplicate downstream is
 * recognisable.
 *
 * @param step optimizer step of the evaluated checkpoint
 * @param checkpointEventId the checkpoint event this task was planned from
 * @param checkpointSha256 SHA-256 of the evaluated checkpoint (the evaluation's identity, also on
 *     retain-model shards)
 * @param model {@code candidate} or {@code retain}
 * @param modelUri checkpoint directory of the model to run
 * @param modelSha256 verified SHA-256 of that model's weights
 * @param kind probe or full
 * @param dataset the job's data, from which the evaluation sets are built
 * @param evalSet evaluation set name
 * @param shard shard index within (model, evalSet)
 * @param shardCount shards of (model, evalSet)
 * @param totalShards shards of the whole evaluation (all models and sets)
 * @param firstItem index of the shard's first item in the evaluation set
 * @param itemCount number of items in the shard
 */
public record GenerationTask(
    @JsonProperty(required = true) UUID eventId,
    @JsonProperty(required = true) int schemaVersion,
    @JsonProperty(required = true) String jobId,
    @JsonProperty(required = true) Instant occurredAt,
    @JsonProperty(required = true) int step,
    UUID checkpointEventId,
    @JsonProperty(required = true) String checkpointSha256,
    @JsonProperty(required = true) String model,
    @JsonProperty(required = true) String modelUri,
    @JsonProperty(required = true) String modelSha256,
    @JsonProperty(required = true) EvaluationKind kind,
    @JsonProperty(required = true) DatasetRef dataset,
    @JsonProperty(required = true) String evalSet,
    @JsonProperty(required = true) int shard,
    @JsonProperty(required = true) int shardCount,
    @JsonProperty(required = true) int totalShards,
    @JsonProperty(required = true) int firstItem,
    @JsonProperty(required = true) int itemCount)
    implements LetheEvent {

  /** Current schema version of this record. */
  public static final int SCHEMA_VERSION = 1;

  /**
   * The task's id: a name-based UUID of the checkpoint event and the shard's place, so planning the
   * same checkpoint event again gives the same ids.
   */
  public static UUID idOf(UUID checkpointEventId, String model, String evalSet, int shard) {
    String name =
        "lethe.generation-task|" + checkpointEventId + "|" + model + "|" + evalSet + "|" + shard;
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The record key on {@code generation-tasks}: unlike Lethe's event topics (key = jobId, one job
   * per partition) the tasks of one evaluation must spread over partitions so that several replicas
   * share it.
   */
  public String partitionKey() {
    return jobId + "/" + step + "/" + model + "/" + evalSet + "/" + shard;
  }

  /**
   * The {@code eventId} of the shard's generation event: a name-based UUID of the shard's place in
   * its evaluation, so a re-run of the task publishes an event with the same id.
   */
  public UUID generationEventId() {
    String name =
        "lethe.generation|"
            + jobId
            + "|"
            + step
            + "|"
            + checkpointSha256
            + "|"
            + kind
            + "|"
            + model
            + "|"
            + evalSet
            + "|"
            + shard;
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
  }
}
