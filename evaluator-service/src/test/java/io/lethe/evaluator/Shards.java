package io.lethe.evaluator;

import io.lethe.schemas.domain.AnswerScore;
import io.lethe.schemas.domain.EnvironmentFingerprint;
import io.lethe.schemas.domain.EvaluationKind;
import io.lethe.schemas.domain.GenerationItem;
import io.lethe.schemas.events.GenerationEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Builders of hand-made generation shards whose metrics can be checked by hand. */
public final class Shards {

  /** ln 2: average NLLs in multiples of it give probabilities that are powers of 1/2. */
  public static final double LN2 = Math.log(2);

  public static final EnvironmentFingerprint ENVIRONMENT =
      new EnvironmentFingerprint("PyTorch", "2.7.1", "fp32", "cpu", null, "0.1.0");

  private Shards() {}

  /** A score whose average NLL S/n is {@code averageNll}. */
  public static AnswerScore score(double averageNll, int tokens) {
    return new AnswerScore(averageNll * tokens, tokens);
  }

  /** A score whose per-token probability exp(−S/n) is {@code probability}. */
  public static AnswerScore withProbability(double probability) {
    return score(-Math.log(probability), 4);
  }

  /** A full-evaluation item. */
  public static GenerationItem item(
      int index,
      String gold,
      String generated,
      List<Integer> tokenIds,
      AnswerScore goldScore,
      AnswerScore paraphrased,
      List<AnswerScore> perturbed,
      List<Boolean> argmaxMatches,
      double entropy) {
    return new GenerationItem(
        index,
        "question " + index,
        gold,
        generated,
        tokenIds,
        goldScore,
        paraphrased,
        perturbed,
        argmaxMatches,
        entropy);
  }

  /** The same item as a probe sees it: no generation. */
  public static GenerationItem teacherForcedOnly(GenerationItem item) {
    return new GenerationItem(
        item.index(),
        item.question(),
        item.goldAnswer(),
        null,
        null,
        item.gold(),
        item.paraphrased(),
        item.perturbed(),
        item.goldArgmaxMatches(),
        item.meanPredictiveEntropy());
  }

  /** A shard with a random event id. */
  public static GenerationEvent shard(
      String jobId,
      int step,
      String sha,
      EvaluationKind kind,
      String model,
      String evalSet,
      int shard,
      int shardCount,
      int totalShards,
      List<GenerationItem> items) {
    return new GenerationEvent(
        UUID.randomUUID(),
        GenerationEvent.SCHEMA_VERSION,
        jobId,
        Instant.parse("2026-11-22T10:00:00Z"),
        step,
        sha,
        model,
        kind,
        evalSet,
        shard,
        shardCount,
        totalShards,
        items,
        ENVIRONMENT);
  }
}
