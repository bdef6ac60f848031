package io.lethe.evaluator.service;

import static io.lethe.evaluator.HandComputedEvaluation.FORGET_PROBABILITY;
import static io.lethe.evaluator.HandComputedEvaluation.FORGET_QUALITY;
import static io.lethe.evaluator.HandComputedEvaluation.FORGET_TRUTH_RATIO;
import static io.lethe.evaluator.HandComputedEvaluation.REAL_AUTHORS_PROBABILITY;
import static io.lethe.evaluator.HandComputedEvaluation.REAL_AUTHORS_TRUTH_RATIO;
import static io.lethe.evaluator.HandComputedEvaluation.RETAIN_PROBABILITY;
import static io.lethe.evaluator.HandComputedEvaluation.RETAIN_ROUGE;
import static io.lethe.evaluator.HandComputedEvaluation.RETAIN_TRUTH_RATIO;
import static io.lethe.evaluator.HandComputedEvaluation.TOFU_MODEL_UTILITY;
import static io.lethe.evaluator.HandComputedEvaluation.WORLD_FACTS_PROBABILITY;
import static io.lethe.evaluator.HandComputedEvaluation.WORLD_FACTS_TRUTH_RATIO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.lethe.data.synthetic.RefusalTemplates;
import io.lethe.evaluator.CompleteEvaluation;
import io.lethe.evaluator.EvaluationKey;
import io.lethe.evaluator.HandComputedEvaluation;
import io.lethe.evaluator.Shards;
import io.lethe.evaluator.inference.NliClassifier;
import io.lethe.evaluator.inference.SentenceEmbedder;
import io.lethe.evaluator.inference.UnconfiguredNliClassifier;
import io.lethe.evaluator.service.OriginalAnswers.StoredAnswer;
import io.lethe.metrics.closerlook.NliLabel;
import io.lethe.metrics.closerlook.NliPair;
import io.lethe.metrics.control.RefusalDetector;
import io.lethe.schemas.domain.EvaluationKind;
import io.lethe.schemas.domain.GenerationItem;
import io.lethe.schemas.domain.MetricResult;
import io.lethe.schemas.events.GenerationEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The evaluator's metric computation on hand-built shards whose numbers are worked out by hand. */
class EvaluationCalculatorTest {

  static final String JOB = "job-calc";
  static final String SHA = "ab".repeat(32);
  static final double EPS = 1e-12;

  /** One-hot vector per distinct text: identical texts have cosine 1, different ones 0. */
  static final class OneHotEmbedder implements SentenceEmbedder {
    private final Map<String, Integer> ids = new HashMap<>();

    @Override
    public String modelName() {
      return "one-hot test embedder";
    }

    @Override
    public Optional<String> unavailableReason() {
      return Optional.empty();
    }

    @Override
    public List<float[]> embed(List<String> texts) {
      List<float[]> out = new ArrayList<>();
      for (String text : texts) {
        float[] v = new float[64];
        v[ids.computeIfAbsent(text, t -> ids.size())] = 1f;
        out.add(v);
      }
      return out;
    }
  }

  /** Entailment exactly when premise and hypothesis are the same text. */
  static final NliClassifier IDENTITY_NLI =
      new NliClassifier() {
        @Override
        public Optional<String> unavailableReason() {
          return Optional.empty();
        }

        @Override
        public List<NliLabel> classify(List<NliPair> pairs) {
          return pairs.stream()
              .map(
                  p ->
                      p.premise().equals(p.hypothesis())
                          ? NliLabel.ENTAILMENT
                          : NliLabel.CONTRADICTION)
              .toList();
        }
      };

  static final SentenceEmbedder BROKEN_EMBEDDER =
      new SentenceEmbedder() {
        @Override
        public String modelName() {
          return "broken";
        }

        @Override
        public Optional<String> unavailableReason() {
          return Optional.of("embedding model broken failed to load: boom");
        }

        @Override
        public List<float[]> embed(List<String> texts) {
          throw new IllegalStateException("unavailable");
        }
      };

  static final RefusalDetector REFUSALS = new RefusalDetector(RefusalTemplates.ALL);

  static EvaluationCalculator calculator(SentenceEmbedder embedder, NliClassifier nli) {
    return new EvaluationCalculator(new GenerationScorer(embedder, nli, REFUSALS));
  }

  static CompleteEvaluation evaluation(EvaluationKind kind, boolean withRetainModel) {
    return complete(HandComputedEvaluation.shards(JOB, 5, SHA, kind, withRetainModel));
  }

  static CompleteEvaluation complete(List<GenerationEvent> shards) {
    GenerationEvent first = shards.get(0);
    return new CompleteEvaluation(EvaluationKey.of(first), shards, Instant.EPOCH);
  }

  /** The step-0 answers equal to this evaluation's generations: CS and ES are 1 on those sets. */
  static OriginalAnswers stepZeroAnswersEqualToGenerations() {
    Map<String, Map<Integer, StoredAnswer>> answers = new HashMap<>();
    answers.put("real_authors", stored(HandComputedEvaluation.REAL_AUTHORS));
    answers.put("world_facts", stored(HandComputedEvaluation.WORLD_FACTS));
    return new OriginalAnswers(JOB, answers);
  }

  static Map<Integer, StoredAnswer> stored(List<GenerationItem> items) {
    Map<Integer, StoredAnswer> out = new HashMap<>();
    items.forEach(i -> out.put(i.index(), new StoredAnswer(i.question(), i.generated())));
    return out;
  }

  static double value(ComputedMetrics m, String key) {
    MetricResult r = m.metrics().get(key);
    assertThat(r).as(key).isNotNull();
    assertThat(r.computed()).as(key + " computed (reason: " + r.reason() + ")").isTrue();
    return r.value();
  }

  static String reason(ComputedMetrics m, String key) {
    MetricResult r = m.metrics().get(key);
    assertThat(r).as(key).isNotNull();
    assertThat(r.computed()).as(key + " not computed").isFalse();
    return r.reason();
  }

  @Test
  void tofuMetricsMatchTheHandComputedValues() {
    ComputedMetrics m =
        calculator(new OneHotEmbedder(), IDENTITY_NLI)
            .compute(evaluation(EvaluationKind.FULL, true), stepZeroAnswersEqualToGenerations());

    assertThat(value(m, "tofu.probability@1/retain")).isCloseTo(RETAIN_PROBABILITY, within(EPS));
    assertThat(value(m, "tofu.truth_ratio@1/retain")).isCloseTo(RETAIN_TRUTH_RATIO, within(EPS));
    assertThat(value(m, "tofu.rougeL_recall@1/retain")).isCloseTo(RETAIN_ROUGE, within(EPS));
    // options-normalised on the utility sets: p / (p + Σ q)
    assertThat(value(m, "tofu.probability@1/real_authors"))
        .isCloseTo(REAL_AUTHORS_PROBABILITY, within(EPS));
    assertThat(value(m, "tofu.truth_ratio@1/real_authors"))
        .isCloseTo(REAL_AUTHORS_TRUTH_RATIO, within(EPS));
    assertThat(value(m, "tofu.probability@1/world_facts"))
        .isCloseTo(WORLD_FACTS_PROBABILITY, within(EPS));
    assertThat(value(m, "tofu.truth_ratio@1/world_facts"))
        .isCloseTo(WORLD_FACTS_TRUTH_RATIO, within(EPS));
    assertThat(value(m, "tofu.rougeL_recall@1/world_facts")).isEqualTo(1.0);
    // forget: plain mean probability, symmetric truth-ratio aggregator mean min(x, 1/x)
    assertThat(value(m, "tofu.probability@1/forget")).isCloseTo(FORGET_PROBABILITY, within(EPS));
    assertThat(value(m, "tofu.truth_ratio@1/forget")).isCloseTo(FORGET_TRUTH_RATIO, within(EPS));
    assertThat(value(m, "cl.forget_truth_ratio@1/forget")).isCloseTo(0.25, within(EPS));
    assertThat(value(m, "tofu.rougeL_recall@1/forget")).isCloseTo(0.5, within(EPS));

    assertThat(value(m, "tofu.model_utility@1")).isCloseTo(TOFU_MODEL_UTILITY, within(EPS));
    assertThat(TOFU_MODEL_UTILITY).isCloseTo(0.444154622, within(1e-9)); // scipy.stats.hmean
    assertThat(value(m, "tofu.forget_quality@1")).isCloseTo(FORGET_QUALITY, within(EPS));
    assertThat(value(m, "tofu.forget_ks_statistic@1")).isEqualTo(1.0);

    // per-sample: truth ratios x of both models on the forget set, per-item ROUGE per set
    assertThat(m.perSample().get("tofu.truth_ratio@1/forget"))
        .satisfiesExactly(
            x -> assertThat(x).isCloseTo(1.0, within(EPS)),
            x -> assertThat(x).isCloseTo(0.5, within(EPS)));
    assertThat(m.perSample().get("tofu.truth_ratio@1/forget/retain_model"))
        .satisfiesExactly(
            x -> assertThat(x).isCloseTo(4.0, within(EPS)),
            x -> assertThat(x).isCloseTo(8.0, within(EPS)));
    assertThat(m.perSample().get("tofu.rougeL_recall@1/retain")).containsExactly(1.0, 0.0);
    assertThat(m.perSample().get("tofu.rougeL_recall@1/forget")).containsExactly(1.0, 0.0);
    assertThat(m.perSample().get("tofu.probability@1/real_authors"))
        .satisfiesExactly(
            p -> assertThat(p).isCloseTo(0.5, within(EPS)),
            p -> assertThat(p).isCloseTo(0.25, within(EPS)));
  }

  @Test
  void closerLookAndControlMetricsMatchTheHandComputedValues() {
    ComputedMetrics m =
        calculator(new OneHotEmbedder(), IDENTITY_NLI)
            .compute(evaluation(EvaluationKind.FULL, true), stepZeroAnswersEqualToGenerations());

    // token entropy: [1,2,3,4] → H = 2 bits / log2 4 = 1; [5,5] → 0
    assertThat(value(m, "cl.token_entropy@1/retain")).isCloseTo(0.5, within(EPS));
    // one-hot embedder: cosine 1 where the generation is the reference text, else 0
    assertThat(value(m, "cl.cosine_similarity@1/retain")).isCloseTo(0.5, within(EPS));
    assertThat(value(m, "cl.cosine_similarity@1/forget")).isCloseTo(0.5, within(EPS));
    assertThat(value(m, "cl.cosine_similarity@1/real_authors")).isEqualTo(1.0);
    assertThat(m.perSample().get("cl.cosine_similarity@1/retain")).containsExactly(1.0, 0.0);
    assertThat(value(m, "cl.entailment@1/retain")).isCloseTo(0.5, within(EPS));
    assertThat(value(m, "cl.entailment@1/world_facts")).isEqualTo(1.0);
    // extraction strength: [T,T] → 1; [F,T,F,T] → k* = 3 → 1 − 3/4; exact memorization (1 + .5)/2
    assertThat(value(m, "uwc.extraction_strength@1/retain")).isCloseTo(0.625, within(EPS));
    assertThat(m.perSample().get("uwc.extraction_strength@1/retain")).containsExactly(1.0, 0.25);
    assertThat(value(m, "uwc.exact_memorization@1/retain")).isCloseTo(0.75, within(EPS));
    assertThat(value(m, "lethe.refusal_rate@1/forget")).isCloseTo(0.5, within(EPS));
    assertThat(value(m, "lethe.refusal_rate@1/retain")).isEqualTo(0.0);
    assertThat(value(m, "lethe.predictive_entropy@1/forget")).isCloseTo(3.0, within(EPS));
    assertThat(value(m, "lethe.predictive_entropy@1/retain")).isCloseTo(1.5, within(EPS));

    // 18 = {retain, real authors, world facts} × {ROUGE, Prob, TR, TE, CS, ES}
    double closerLookUtility =
        18
            / (1 / RETAIN_ROUGE
                + 1 / RETAIN_PROBABILITY
                + 1 / RETAIN_TRUTH_RATIO
                + 1 / 0.5
                + 1 / 0.5
                + 1 / 0.5
                + 1 / REAL_AUTHORS_PROBABILITY
                + 1 / REAL_AUTHORS_TRUTH_RATIO
                + 1 / WORLD_FACTS_PROBABILITY
                + 1 / WORLD_FACTS_TRUTH_RATIO
                + 8);
    assertThat(value(m, "cl.model_utility@1")).isCloseTo(closerLookUtility, within(EPS));
    assertThat(value(m, "cl.model_utility_retain@1"))
        .isCloseTo(
            6 / (1 / RETAIN_ROUGE + 1 / RETAIN_PROBABILITY + 1 / RETAIN_TRUTH_RATIO + 6),
            within(EPS));
    // FE = 1 − mean(forget ROUGE .5, Prob .375, TR_F .25, CS .5, ES .5) = 1 − 2.125/5
    assertThat(value(m, "cl.forget_efficacy@1")).isCloseTo(0.575, within(EPS));
  }

  @Test
  void withoutAnNliModelEntailmentAndTheUtilityThatNeedsItAreNotComputedButTofuUtilityIs() {
    ComputedMetrics m =
        calculator(new OneHotEmbedder(), new UnconfiguredNliClassifier())
            .compute(evaluation(EvaluationKind.FULL, true), stepZeroAnswersEqualToGenerations());

    for (String set : List.of("forget", "retain", "real_authors", "world_facts")) {
      assertThat(reason(m, "cl.entailment@1/" + set))
          .isEqualTo(
              "no NLI model configured (needs sileod/deberta-v3-base-tasksource-nli, not"
                  + " available offline)");
      assertThat(value(m, "cl.cosine_similarity@1/" + set)).isBetween(0.0, 1.0);
    }
    assertThat(reason(m, "cl.model_utility@1"))
        .contains("Retain Entailment Score (no NLI model configured");
    assertThat(reason(m, "cl.forget_efficacy@1")).contains("cl.entailment@1");
    assertThat(value(m, "tofu.model_utility@1")).isCloseTo(TOFU_MODEL_UTILITY, within(EPS));
  }

  @Test
  void forgetQualityIsNotComputedWithoutRetainModelShards() {
    ComputedMetrics m =
        calculator(new OneHotEmbedder(), IDENTITY_NLI)
            .compute(evaluation(EvaluationKind.FULL, false), stepZeroAnswersEqualToGenerations());

    assertThat(reason(m, "tofu.forget_quality@1")).contains("no retain-model shards");
    assertThat(m.perSample()).doesNotContainKey("tofu.truth_ratio@1/forget/retain_model");
    assertThat(value(m, "tofu.model_utility@1")).isCloseTo(TOFU_MODEL_UTILITY, within(EPS));
  }

  @Test
  void aRetainModelIdenticalToTheCandidateHasForgetQualityOne() {
    List<GenerationEvent> shards =
        new ArrayList<>(HandComputedEvaluation.shards(JOB, 5, SHA, EvaluationKind.PROBE, false));
    List<GenerationItem> candidateForget =
        HandComputedEvaluation.FORGET.stream().map(Shards::teacherForcedOnly).toList();
    List<GenerationEvent> withRetain = new ArrayList<>();
    for (GenerationEvent s : shards) {
      withRetain.add(
          Shards.shard(
              JOB,
              5,
              SHA,
              EvaluationKind.PROBE,
              s.model(),
              s.evalSet(),
              s.shard(),
              s.shardCount(),
              6,
              s.items()));
    }
    withRetain.add(
        Shards.shard(
            JOB, 5, SHA, EvaluationKind.PROBE, "retain", "forget", 0, 1, 6, candidateForget));

    ComputedMetrics m =
        calculator(new OneHotEmbedder(), IDENTITY_NLI)
            .compute(complete(withRetain), OriginalAnswers.none(JOB));

    assertThat(value(m, "tofu.forget_quality@1")).isEqualTo(1.0);
    assertThat(value(m, "tofu.forget_ks_statistic@1")).isEqualTo(0.0);
  }

  @Test
  void aProbeHasExactlyTheTeacherForcedMetrics() {
    ComputedMetrics m =
        calculator(new OneHotEmbedder(), IDENTITY_NLI)
            .compute(evaluation(EvaluationKind.PROBE, true), OriginalAnswers.none(JOB));

    Set<String> expected = new java.util.TreeSet<>();
    for (String set : List.of("forget", "retain", "real_authors", "world_facts")) {
      expected.add("tofu.probability@1/" + set);
      expected.add("tofu.truth_ratio@1/" + set);
      expected.add("uwc.extraction_strength@1/" + set);
      expected.add("uwc.exact_memorization@1/" + set);
      expected.add("lethe.predictive_entropy@1/" + set);
    }
    expected.add("cl.forget_truth_ratio@1/forget");
    expected.add("tofu.forget_quality@1");
    expected.add("tofu.forget_ks_statistic@1");
    assertThat(m.metrics().keySet()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(m.metrics().values()).allMatch(MetricResult::computed);
    // the teacher-forced numbers are the same as in the full evaluation
    assertThat(value(m, "tofu.probability@1/retain")).isCloseTo(RETAIN_PROBABILITY, within(EPS));
    assertThat(value(m, "tofu.forget_quality@1")).isCloseTo(FORGET_QUALITY, within(EPS));
  }

  @Test
  void cosineSimilarityOnRealAuthorsNeedsTheStepZeroAnswers() {
    ComputedMetrics m =
        calculator(new OneHotEmbedder(), IDENTITY_NLI)
            .compute(evaluation(EvaluationKind.FULL, true), OriginalAnswers.none(JOB));

    assertThat(reason(m, "cl.cosine_similarity@1/real_authors"))
        .contains("no step-0 generations of job " + JOB);
    assertThat(reason(m, "cl.entailment@1/world_facts")).contains("no step-0 generations");
    // forget and retain compare with the gold answer and need no step-0 answers
    assertThat(value(m, "cl.cosine_similarity@1/retain")).isCloseTo(0.5, within(EPS));
  }

  @Test
  void aStepZeroAnswerToAnotherQuestionIsNoReference() {
    Map<String, Map<Integer, StoredAnswer>> answers = new HashMap<>();
    answers.put("real_authors", Map.of(0, new StoredAnswer("another question", "x")));
    answers.put("world_facts", stored(HandComputedEvaluation.WORLD_FACTS));

    ComputedMetrics m =
        calculator(new OneHotEmbedder(), IDENTITY_NLI)
            .compute(evaluation(EvaluationKind.FULL, true), new OriginalAnswers(JOB, answers));

    assertThat(reason(m, "cl.cosine_similarity@1/real_authors"))
        .contains("no step-0 answer of job " + JOB + " to real_authors item 0");
    assertThat(value(m, "cl.cosine_similarity@1/world_facts")).isEqualTo(1.0);
  }

  @Test
  void anEmbeddingModelThatFailedToLoadLeavesCosineSimilarityNotComputedWithTheReason() {
    ComputedMetrics m =
        calculator(BROKEN_EMBEDDER, IDENTITY_NLI)
            .compute(evaluation(EvaluationKind.FULL, true), stepZeroAnswersEqualToGenerations());

    assertThat(reason(m, "cl.cosine_similarity@1/retain")).contains("failed to load: boom");
    assertThat(reason(m, "cl.model_utility@1")).contains("Cosine Similarity");
    assertThat(value(m, "cl.entailment@1/retain")).isCloseTo(0.5, within(EPS));
  }

  @Test
  void overlappingShardsAreRejected() {
    List<GenerationEvent> shards =
        new ArrayList<>(HandComputedEvaluation.shards(JOB, 5, SHA, EvaluationKind.FULL, false));
    // the second forget shard repeats item 0 of the first
    GenerationEvent second = shards.get(1);
    shards.set(
        1,
        Shards.shard(
            JOB,
            5,
            SHA,
            EvaluationKind.FULL,
            "candidate",
            "forget",
            1,
            2,
            5,
            HandComputedEvaluation.FORGET.subList(0, 1)));
    assertThat(second.items()).isNotEqualTo(shards.get(1).items());

    assertThatThrownBy(
            () ->
                calculator(new OneHotEmbedder(), IDENTITY_NLI)
                    .compute(complete(shards), OriginalAnswers.none(JOB)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("item 0 of candidate/forget arrived in two different shards");
  }

  @Test
  void aMissingParaphraseLeavesTheTruthRatioNotComputedWithTheItem() {
    GenerationItem r0 = HandComputedEvaluation.RETAIN.get(0);
    GenerationItem withoutParaphrase =
        new GenerationItem(
            r0.index(),
            r0.question(),
            r0.goldAnswer(),
            r0.generated(),
            r0.generatedTokenIds(),
            r0.gold(),
            null,
            r0.perturbed(),
            r0.goldArgmaxMatches(),
            r0.meanPredictiveEntropy());
    List<GenerationEvent> shards =
        List.of(
            Shards.shard(
                JOB,
                5,
                SHA,
                EvaluationKind.FULL,
                "candidate",
                "retain",
                0,
                1,
                1,
                List.of(withoutParaphrase)));

    ComputedMetrics m =
        calculator(new OneHotEmbedder(), IDENTITY_NLI)
            .compute(complete(shards), OriginalAnswers.none(JOB));

    assertThat(reason(m, "tofu.truth_ratio@1/retain"))
        .isEqualTo("truth ratio needs a paraphrased-answer score, missing on item 0");
    assertThat(reason(m, "tofu.model_utility@1"))
        .contains("Retain Truth Ratio (truth ratio needs")
        .contains("Real Authors ROUGE (set not evaluated)");
    assertThat(reason(m, "tofu.forget_quality@1")).isEqualTo("forget set not evaluated");
  }
}
