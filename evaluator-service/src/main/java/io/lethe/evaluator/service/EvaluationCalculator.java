package io.lethe.evaluator.service;

import io.lethe.evaluator.CompleteEvaluation;
import io.lethe.evaluator.EvaluationSets;
import io.lethe.evaluator.ModelRole;
import io.lethe.metrics.MetricIds;
import io.lethe.metrics.MetricValue;
import io.lethe.metrics.closerlook.CloserLookModelUtility;
import io.lethe.metrics.closerlook.CloserLookSetScores;
import io.lethe.metrics.closerlook.ForgetEfficacy;
import io.lethe.metrics.stats.KsTestResult;
import io.lethe.metrics.tofu.ForgetQuality;
import io.lethe.metrics.tofu.TofuEvalSet;
import io.lethe.metrics.tofu.TofuModelUtility;
import io.lethe.metrics.tofu.TofuSetScores;
import io.lethe.schemas.domain.EvaluationKind;
import io.lethe.schemas.domain.GenerationItem;
import io.lethe.schemas.domain.MetricResult;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns one complete evaluation into its metrics: per set {@code <id>/<set>} (TOFU ROUGE-L recall,
 * probability, truth ratio; closer-look TE, CS, ES and TR_F; UwC extraction strength and exact
 * memorization; refusal rate; predictive entropy), and the aggregates {@code tofu.model_utility@1}
 * (9 terms), {@code tofu.forget_quality@1} (vs the retain model), {@code cl.model_utility@1} (18),
 * {@code cl.model_utility_retain@1} (6) and {@code cl.forget_efficacy@1}.
 *
 * <p>A probe evaluation has teacher-forced scores only: its event holds the teacher-forced metrics
 * (probability, truth ratio, TR_F, forget quality, extraction strength, exact memorization,
 * predictive entropy); generation-based metrics and the aggregates that include them are absent,
 * not "not computed". Pure apart from the embedding and NLI models it is given.
 */
public class EvaluationCalculator {

  private static final String SET_NOT_EVALUATED = "set not evaluated";

  private final GenerationScorer generationScorer;

  /** A calculator over the given generation scorer. */
  public EvaluationCalculator(GenerationScorer generationScorer) {
    this.generationScorer = generationScorer;
  }

  /**
   * The metrics of {@code evaluation}.
   *
   * @param originals the job's step-0 answers (references on real authors / world facts)
   * @throws IllegalArgumentException if the shards contradict each other or an item lacks its gold
   *     score (no metric of such an evaluation would be trustworthy)
   */
  public ComputedMetrics compute(CompleteEvaluation evaluation, OriginalAnswers originals) {
    boolean full = evaluation.key().kind() == EvaluationKind.FULL;
    Map<TofuEvalSet, List<GenerationItem>> candidate = evaluation.itemsBySet(ModelRole.CANDIDATE);
    Sink sink = new Sink();

    Map<TofuEvalSet, TeacherForcedSetScores> teacherForced = new EnumMap<>(TofuEvalSet.class);
    Map<TofuEvalSet, GeneratedSetScores> generated = new EnumMap<>(TofuEvalSet.class);
    for (TofuEvalSet set : EvaluationSets.ORDER) {
      List<GenerationItem> items = candidate.get(set);
      if (items == null) {
        continue;
      }
      TeacherForcedSetScores tf = TeacherForcedScorer.score(set, items);
      teacherForced.put(set, tf);
      sink.perSet(set, tf.probability(), tf.probabilityPerItem());
      sink.perSet(set, tf.truthRatio(), tf.truthRatios());
      if (tf.forgetTruthRatio() != null) {
        sink.perSet(set, tf.forgetTruthRatio(), null);
      }
      sink.perSet(set, tf.extractionStrength(), tf.extractionStrengthPerItem());
      sink.perSet(set, tf.exactMemorization(), null);
      sink.perSet(set, tf.predictiveEntropy(), null);
      if (full) {
        GeneratedSetScores gen = generationScorer.score(set, items, originals);
        generated.put(set, gen);
        sink.perSet(set, gen.rougeLRecall(), gen.rougeLRecallPerItem());
        sink.perSet(set, gen.tokenEntropy(), null);
        sink.perSet(set, gen.cosineSimilarity(), gen.cosineSimilarityPerItem());
        sink.perSet(set, gen.entailment(), null);
        sink.perSet(set, gen.refusalRate(), null);
      }
    }

    forgetQuality(evaluation, teacherForced.get(TofuEvalSet.FORGET), sink);
    if (full) {
      sink.aggregate(
          TofuModelUtility.of(
              tofuScores(TofuEvalSet.RETAIN, teacherForced, generated),
              tofuScores(TofuEvalSet.REAL_AUTHORS, teacherForced, generated),
              tofuScores(TofuEvalSet.WORLD_FACTS, teacherForced, generated)));
      CloserLookSetScores retain = closerLookScores(TofuEvalSet.RETAIN, teacherForced, generated);
      sink.aggregate(
          CloserLookModelUtility.of(
              retain,
              closerLookScores(TofuEvalSet.REAL_AUTHORS, teacherForced, generated),
              closerLookScores(TofuEvalSet.WORLD_FACTS, teacherForced, generated)));
      sink.aggregate(CloserLookModelUtility.retainOnly(retain));
      sink.aggregate(
          ForgetEfficacy.of(closerLookScores(TofuEvalSet.FORGET, teacherForced, generated)));
    }
    return sink.result();
  }

  /**
   * Forget quality: KS test of the candidate's per-item forget truth ratios against the retain
   * model's on the same forget set (methods.md §3.4).
   */
  private static void forgetQuality(
      CompleteEvaluation evaluation, TeacherForcedSetScores candidateForget, Sink sink) {
    String reason = null;
    List<GenerationItem> reference = null;
    if (candidateForget == null) {
      reason = "forget set not evaluated";
    } else if (candidateForget.truthRatios() == null) {
      reason = "candidate forget truth ratios: " + candidateForget.truthRatio().notComputedReason();
    } else if (!evaluation.has(ModelRole.RETAIN)) {
      reason =
          "no retain-model shards in this evaluation (the evaluation plan names no retain model)";
    } else {
      reference = evaluation.itemsBySet(ModelRole.RETAIN).get(TofuEvalSet.FORGET);
      if (reference == null) {
        reason = "the retain model was not evaluated on the forget set";
      } else {
        String missing = TeacherForcedScorer.missingTruthRatioInput(TofuEvalSet.FORGET, reference);
        if (missing != null) {
          reason = "retain-model forget truth ratios need " + missing;
        }
      }
    }
    if (reason != null) {
      sink.aggregate(MetricValue.notComputed(MetricIds.TOFU_FORGET_QUALITY, reason));
      sink.aggregate(MetricValue.notComputed(MetricIds.TOFU_FORGET_KS_STATISTIC, reason));
      return;
    }
    double[] referenceRatios = TeacherForcedScorer.truthRatios(TofuEvalSet.FORGET, reference);
    KsTestResult ks = ForgetQuality.test(candidateForget.truthRatios(), referenceRatios);
    sink.aggregate(ForgetQuality.pValue(ks));
    sink.aggregate(ForgetQuality.statistic(ks));
    sink.perSample(
        MetricIds.TOFU_TRUTH_RATIO
            + "/"
            + EvaluationSets.wireName(TofuEvalSet.FORGET)
            + EvaluatorMetricIds.RETAIN_MODEL_SUFFIX,
        referenceRatios);
  }

  private static TofuSetScores tofuScores(
      TofuEvalSet set,
      Map<TofuEvalSet, TeacherForcedSetScores> teacherForced,
      Map<TofuEvalSet, GeneratedSetScores> generated) {
    TeacherForcedSetScores tf = teacherForced.get(set);
    GeneratedSetScores gen = generated.get(set);
    if (tf == null || gen == null) {
      return new TofuSetScores(
          MetricValue.notComputed(MetricIds.TOFU_ROUGE_L_RECALL, SET_NOT_EVALUATED),
          MetricValue.notComputed(MetricIds.TOFU_PROBABILITY, SET_NOT_EVALUATED),
          MetricValue.notComputed(MetricIds.TOFU_TRUTH_RATIO, SET_NOT_EVALUATED));
    }
    return new TofuSetScores(gen.rougeLRecall(), tf.probability(), tf.truthRatio());
  }

  /**
   * The six closer-look numbers of a set; on the forget set the truth ratio is TR_F, as forget
   * efficacy requires.
   */
  private static CloserLookSetScores closerLookScores(
      TofuEvalSet set,
      Map<TofuEvalSet, TeacherForcedSetScores> teacherForced,
      Map<TofuEvalSet, GeneratedSetScores> generated) {
    TeacherForcedSetScores tf = teacherForced.get(set);
    GeneratedSetScores gen = generated.get(set);
    if (tf == null || gen == null) {
      return new CloserLookSetScores(
          MetricValue.notComputed(MetricIds.TOFU_ROUGE_L_RECALL, SET_NOT_EVALUATED),
          MetricValue.notComputed(MetricIds.TOFU_PROBABILITY, SET_NOT_EVALUATED),
          MetricValue.notComputed(
              set.isForget() ? MetricIds.CL_FORGET_TRUTH_RATIO : MetricIds.TOFU_TRUTH_RATIO,
              SET_NOT_EVALUATED),
          MetricValue.notComputed(MetricIds.CL_TOKEN_ENTROPY, SET_NOT_EVALUATED),
          MetricValue.notComputed(MetricIds.CL_COSINE_SIMILARITY, SET_NOT_EVALUATED),
          MetricValue.notComputed(MetricIds.CL_ENTAILMENT, SET_NOT_EVALUATED));
    }
    return new CloserLookSetScores(
        gen.rougeLRecall(),
        tf.probability(),
        set.isForget() ? tf.forgetTruthRatio() : tf.truthRatio(),
        gen.tokenEntropy(),
        gen.cosineSimilarity(),
        gen.entailment());
  }

  /** Collects metrics and per-sample values under their event keys. */
  private static final class Sink {
    private final Map<String, MetricResult> metrics = new TreeMap<>();
    private final Map<String, List<Double>> perSample = new TreeMap<>();

    void perSet(TofuEvalSet set, MetricValue value, double[] perItem) {
      String key = value.definitionId() + "/" + EvaluationSets.wireName(set);
      put(key, value);
      if (perItem != null) {
        perSample(key, perItem);
      }
    }

    void aggregate(MetricValue value) {
      put(value.definitionId(), value);
    }

    void perSample(String key, double[] values) {
      List<Double> list = new ArrayList<>(values.length);
      for (double v : values) {
        list.add(v);
      }
      perSample.put(key, List.copyOf(list));
    }

    private void put(String key, MetricValue value) {
      if (metrics.containsKey(key)) {
        throw new IllegalStateException("metric key computed twice: " + key);
      }
      metrics.put(
          key,
          value.computed()
              ? MetricResult.of(value.value())
              : MetricResult.notComputed(value.notComputedReason()));
    }

    ComputedMetrics result() {
      return new ComputedMetrics(metrics, perSample);
    }
  }
}
