package io.lethe.evaluator;

import io.lethe.schemas.domain.EvaluationKind;
import io.lethe.schemas.events.GenerationEvent;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * Identifies one evaluation: the shards of the same (job, step, checkpoint, kind) are assembled
 * into one {@code evaluations} event. The checkpoint hash is part of the key so that two different
 * weights evaluated at the same step (e.g. a mixed model during a MIX search) never merge.
 *
 * @param jobId the job
 * @param step optimizer step of the evaluated checkpoint
 * @param checkpointSha256 SHA-256 of the evaluated weights
 * @param kind probe or full
 */
public record EvaluationKey(String jobId, int step, String checkpointSha256, EvaluationKind kind) {

  /** Rejects incomplete keys. */
  public EvaluationKey {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(checkpointSha256, "checkpointSha256");
    Objects.requireNonNull(kind, "kind");
  }

  /** The evaluation a shard belongs to. */
  public static EvaluationKey of(GenerationEvent shard) {
    return new EvaluationKey(shard.jobId(), shard.step(), shard.checkpointSha256(), shard.kind());
  }

  /**
   * The {@code eventId} of this evaluation's event: a name-based UUID of the key, so that a
   * re-publication after a crash (the shards are redelivered and assembled again) carries the same
   * id and downstream consumers de-duplicate it.
   */
  public UUID eventId() {
    String name =
        "lethe.evaluation|" + jobId + "|" + step + "|" + checkpointSha256 + "|" + kind.name();
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "job "
        + jobId
        + " step "
        + step
        + " ("
        + kind
        + ", "
        + abbreviate(checkpointSha256)
        + ")";
  }

  private static String abbreviate(String sha) {
    return sha.length() > 12 ? sha.substring(0, 12) : sha;
  }
}
