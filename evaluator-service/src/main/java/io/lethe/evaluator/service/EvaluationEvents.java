package io.lethe.evaluator.service;

import io.lethe.evaluator.CompleteEvaluation;
import io.lethe.evaluator.EvaluationKey;
import io.lethe.evaluator.ModelRole;
import io.lethe.schemas.domain.EnvironmentFingerprint;
import io.lethe.schemas.events.EvaluationEvent;
import io.lethe.schemas.events.GenerationEvent;
import java.time.Instant;
import java.util.Objects;

/** Builds the {@code evaluations} event of a computed evaluation. */
public final class EvaluationEvents {

  private EvaluationEvents() {}

  /**
   * The event: id derived from the key (a re-publication carries the same id), the metrics, and the
   * environment the candidate's numbers came from.
   */
  public static EvaluationEvent of(
      CompleteEvaluation evaluation, ComputedMetrics metrics, Instant occurredAt) {
    EvaluationKey key = evaluation.key();
    return new EvaluationEvent(
        key.eventId(),
        EvaluationEvent.SCHEMA_VERSION,
        key.jobId(),
        occurredAt,
        key.step(),
        key.checkpointSha256(),
        key.kind(),
        metrics.metrics(),
        metrics.perSample(),
        environment(evaluation));
  }

  /**
   * The generator's fingerprint of the candidate's first shard (shards are sorted, so the choice is
   * deterministic), with the model hash set to the evaluated checkpoint's. Shards from generator
   * replicas on different devices would differ; the first one is reported.
   */
  static EnvironmentFingerprint environment(CompleteEvaluation evaluation) {
    String sha = evaluation.key().checkpointSha256();
    EnvironmentFingerprint generator =
        evaluation.shards().stream()
            .filter(s -> ModelRole.CANDIDATE.wireName().equals(s.model()))
            .map(GenerationEvent::environment)
            .filter(Objects::nonNull)
            .findFirst()
            .orElse(null);
    if (generator == null) {
      return new EnvironmentFingerprint(null, null, null, null, sha, null);
    }
    return new EnvironmentFingerprint(
        generator.engine(),
        generator.engineVersion(),
        generator.precision(),
        generator.device(),
        sha,
        generator.letheVersion());
  }
}
