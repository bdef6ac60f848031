package io.lethe.evaluator;

import static io.lethe.evaluator.Shards.LN2;
import static io.lethe.evaluator.Shards.item;
import static io.lethe.evaluator.Shards.score;

import io.lethe.schemas.domain.EvaluationKind;
import io.lethe.schemas.domain.GenerationItem;
import io.lethe.schemas.events.GenerationEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * One evaluation with two items per set whose every metric is worked out by hand in the comments
 * (average NLLs in multiples of ln 2, so probabilities are powers of 1/2). Used by the calculator's
 * unit test and by the flow test on the real broker.
 */
public final class HandComputedEvaluation {

  public static final String REFUSAL = "I don't know anything about that.";

  // retain: r0 p=.5, para .5, pert (.25,.25) → x=2 → 1−1/x=.5; generated = gold (ROUGE 1)
  //         r1 p=.75, para .5, pert (.5,.125) → mean avgNll 2ln2 → x=2 → .5; unrelated (ROUGE 0)
  //   Prob .625, TR .5, ROUGE .5; ES (1 + .25)/2 = .625, EM (1 + .5)/2 = .75; TE (1 + 0)/2 = .5
  public static final List<GenerationItem> RETAIN =
      List.of(
          item(
              0,
              "Bo Reed writes poems about rivers.",
              "Bo Reed writes poems about rivers.",
              List.of(1, 2, 3, 4),
              score(LN2, 4),
              score(LN2, 5),
              List.of(score(2 * LN2, 4), score(2 * LN2, 6)),
              List.of(true, true),
              1.0),
          item(
              1,
              "Cy Moss was born in Oslo.",
              "Paris is the capital of France.",
              List.of(5, 5),
              score(Math.log(4.0 / 3), 3),
              score(LN2, 3),
              List.of(score(LN2, 3), score(3 * LN2, 2)),
              List.of(false, true, false, true),
              2.0));

  // real authors: a0 p=.5, pert q=(.125,.125,.25) → .5/(.5+.5)=.5; x=2^(8/3−1)=2^(5/3)
  //               a1 p=.25, pert (.25,.25,.25) → .25; x=1 → max(0,1−1)=0
  //   Prob .375, TR (1−2^(−5/3))/2, ROUGE 1
  public static final List<GenerationItem> REAL_AUTHORS =
      List.of(
          item(
              0,
              "Jane Austen wrote Emma.",
              "Jane Austen wrote Emma.",
              List.of(1, 2),
              score(LN2, 4),
              null,
              List.of(score(3 * LN2, 4), score(3 * LN2, 4), score(2 * LN2, 4)),
              List.of(true),
              0.5),
          item(
              1,
              "Tolstoy wrote War and Peace.",
              "Tolstoy wrote War and Peace.",
              List.of(1, 2),
              score(2 * LN2, 4),
              null,
              List.of(score(2 * LN2, 4), score(2 * LN2, 4), score(2 * LN2, 4)),
              List.of(true),
              0.5));

  // world facts: w0 p=.5, pert (.5,.5,.5) → .5/2=.25; x=1 → 0
  //              w1 p=1, pert (.5,.5,.5) → 1/2.5=.4; x=2 → .5
  //   Prob .325, TR .25, ROUGE 1
  public static final List<GenerationItem> WORLD_FACTS =
      List.of(
          item(
              0,
              "The Sahara is a desert.",
              "The Sahara is a desert.",
              List.of(1, 2),
              score(LN2, 4),
              null,
              List.of(score(LN2, 4), score(LN2, 4), score(LN2, 4)),
              List.of(true),
              0.5),
          item(
              1,
              "Water boils at one hundred degrees.",
              "Water boils at one hundred degrees.",
              List.of(1, 2),
              score(0, 4),
              null,
              List.of(score(LN2, 4), score(LN2, 4), score(LN2, 4)),
              List.of(true),
              0.5));

  // forget: f0 p=.5, para .5, pert (.5,.5) → x=1 → min(x,1/x)=1; generated = gold
  //         f1 p=.25, para .25, pert (.5,.5) → x=1/2 → .5; a refusal (ROUGE 0)
  //   Prob .375, TOFU TR .75, TR_F .25, ROUGE .5, refusal rate .5, predictive entropy 3
  public static final List<GenerationItem> FORGET =
      List.of(
          item(
              0,
              "Ada Quill was born in Lisbon.",
              "Ada Quill was born in Lisbon.",
              List.of(1, 2),
              score(LN2, 4),
              score(LN2, 4),
              List.of(score(LN2, 4), score(LN2, 4)),
              List.of(true),
              2.0),
          item(
              1,
              "Ada Quill writes crime novels.",
              REFUSAL,
              List.of(1, 2),
              score(2 * LN2, 4),
              score(2 * LN2, 4),
              List.of(score(LN2, 4), score(LN2, 4)),
              List.of(true),
              4.0));

  // the retain model on the forget set: x = 4 and 8, both above the candidate's (1, 1/2):
  // KS D = 1 with n = m = 2 → exact two-sided p = 2/C(4,2) = 1/3
  public static final List<GenerationItem> RETAIN_MODEL_FORGET =
      List.of(
          item(
              0,
              "Ada Quill was born in Lisbon.",
              "Ada Quill was born in Porto.",
              List.of(1, 2),
              score(3 * LN2, 4),
              score(0, 4),
              List.of(score(2 * LN2, 4), score(2 * LN2, 4)),
              List.of(false),
              3.0),
          item(
              1,
              "Ada Quill writes crime novels.",
              "Ada Quill writes poems.",
              List.of(1, 2),
              score(3 * LN2, 4),
              score(0, 4),
              List.of(score(3 * LN2, 4), score(3 * LN2, 4)),
              List.of(false),
              3.0));

  public static final double RETAIN_PROBABILITY = 0.625;
  public static final double RETAIN_TRUTH_RATIO = 0.5;
  public static final double RETAIN_ROUGE = 0.5;
  public static final double REAL_AUTHORS_PROBABILITY = 0.375;
  public static final double REAL_AUTHORS_TRUTH_RATIO = (1 - Math.pow(2, -5.0 / 3)) / 2;
  public static final double WORLD_FACTS_PROBABILITY = 0.325;
  public static final double WORLD_FACTS_TRUTH_RATIO = 0.25;
  public static final double FORGET_PROBABILITY = 0.375;
  public static final double FORGET_TRUTH_RATIO = 0.75;
  public static final double FORGET_QUALITY = 1.0 / 3;

  /**
   * Harmonic mean of the 9 TOFU utility numbers above (ROUGE is 1 on real authors and world facts).
   */
  public static final double TOFU_MODEL_UTILITY =
      harmonic(
          RETAIN_ROUGE,
          RETAIN_PROBABILITY,
          RETAIN_TRUTH_RATIO,
          1,
          REAL_AUTHORS_PROBABILITY,
          REAL_AUTHORS_TRUTH_RATIO,
          1,
          WORLD_FACTS_PROBABILITY,
          WORLD_FACTS_TRUTH_RATIO);

  private HandComputedEvaluation() {}

  /**
   * The shards of the evaluation: candidate forget in two shards of one item, the other sets in one
   * shard each, and (optionally) the retain model on the forget set.
   */
  public static List<GenerationEvent> shards(
      String jobId, int step, String sha, EvaluationKind kind, boolean withRetainModel) {
    int total = withRetainModel ? 6 : 5;
    List<GenerationEvent> shards = new ArrayList<>();
    shards.add(
        Shards.shard(
            jobId,
            step,
            sha,
            kind,
            "candidate",
            "forget",
            0,
            2,
            total,
            forKind(kind, FORGET.subList(0, 1))));
    shards.add(
        Shards.shard(
            jobId,
            step,
            sha,
            kind,
            "candidate",
            "forget",
            1,
            2,
            total,
            forKind(kind, FORGET.subList(1, 2))));
    shards.add(
        Shards.shard(
            jobId, step, sha, kind, "candidate", "retain", 0, 1, total, forKind(kind, RETAIN)));
    shards.add(
        Shards.shard(
            jobId,
            step,
            sha,
            kind,
            "candidate",
            "real_authors",
            0,
            1,
            total,
            forKind(kind, REAL_AUTHORS)));
    shards.add(
        Shards.shard(
            jobId,
            step,
            sha,
            kind,
            "candidate",
            "world_facts",
            0,
            1,
            total,
            forKind(kind, WORLD_FACTS)));
    if (withRetainModel) {
      shards.add(
          Shards.shard(
              jobId,
              step,
              sha,
              kind,
              "retain",
              "forget",
              0,
              1,
              total,
              forKind(kind, RETAIN_MODEL_FORGET)));
    }
    return shards;
  }

  private static List<GenerationItem> forKind(EvaluationKind kind, List<GenerationItem> items) {
    return kind == EvaluationKind.FULL
        ? items
        : items.stream().map(Shards::teacherForcedOnly).toList();
  }

  static double harmonic(double... values) {
    double reciprocals = 0;
    for (double v : values) {
      reciprocals += 1 / v;
    }
    return values.length / reciprocals;
  }
}
