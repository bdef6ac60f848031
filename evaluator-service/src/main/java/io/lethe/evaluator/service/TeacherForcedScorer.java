package io.lethe.evaluator.service;

import io.lethe.metrics.MetricIds;
import io.lethe.metrics.MetricValue;
import io.lethe.metrics.closerlook.ForgetTruthRatio;
import io.lethe.metrics.control.ExactMemorization;
import io.lethe.metrics.control.ExtractionStrength;
import io.lethe.metrics.tofu.AnswerNll;
import io.lethe.metrics.tofu.AnswerProbability;
import io.lethe.metrics.tofu.TofuEvalSet;
import io.lethe.metrics.tofu.TruthRatio;
import io.lethe.schemas.domain.AnswerScore;
import io.lethe.schemas.domain.GenerationItem;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores one evaluation set from the generator's teacher-forced numbers (summed NLL and token
 * counts, argmax matches, predictive entropy) with the formulas of {@code lethe-metrics}
 * (methods.md §1.7 items 2–3, §2.5, §3.4). A missing input makes the affected metric "not computed"
 * with the item it is missing on; a gold score is required of every item.
 */
public final class TeacherForcedScorer {

  private TeacherForcedScorer() {}

  /** Every teacher-forced metric of {@code items} (sorted by index) of {@code set}. */
  public static TeacherForcedSetScores score(TofuEvalSet set, List<GenerationItem> items) {
    List<AnswerNll> gold = new ArrayList<>(items.size());
    for (GenerationItem item : items) {
      if (item.gold() == null) {
        throw new IllegalArgumentException("item " + item.index() + " has no gold-answer score");
      }
      gold.add(nll(item.gold()));
    }
    double[] probabilities = null;
    MetricValue probability;
    String missingPerturbed = missingPerturbed(items);
    if (set.normalisesProbabilityOverOptions() && missingPerturbed != null) {
      probability =
          MetricValue.notComputed(
              MetricIds.TOFU_PROBABILITY,
              "options-normalised probability needs the perturbed answers: " + missingPerturbed);
    } else {
      probabilities = probabilities(set, gold, items);
      probability =
          set.normalisesProbabilityOverOptions()
              ? AnswerProbability.optionsNormalised(gold, perturbed(items))
              : AnswerProbability.mean(gold);
    }

    double[] x = null;
    MetricValue truthRatio;
    MetricValue forgetTruthRatio = null;
    String missingTruthRatioInput = missingTruthRatioInput(set, items);
    if (missingTruthRatioInput != null) {
      String reason = "truth ratio needs " + missingTruthRatioInput;
      truthRatio = MetricValue.notComputed(MetricIds.TOFU_TRUTH_RATIO, reason);
      if (set.isForget()) {
        forgetTruthRatio = MetricValue.notComputed(MetricIds.CL_FORGET_TRUTH_RATIO, reason);
      }
    } else {
      x = truthRatios(set, items);
      truthRatio = TruthRatio.forSet(set, x);
      if (set.isForget()) {
        forgetTruthRatio = ForgetTruthRatio.of(x);
      }
    }

    double[] extraction = null;
    MetricValue extractionStrength;
    MetricValue exactMemorization;
    String missingMatches = missingArgmaxMatches(items);
    if (missingMatches != null) {
      extractionStrength =
          MetricValue.notComputed(MetricIds.UWC_EXTRACTION_STRENGTH, missingMatches);
      exactMemorization = MetricValue.notComputed(MetricIds.UWC_EXACT_MEMORIZATION, missingMatches);
    } else {
      List<int[]> predictions = new ArrayList<>();
      List<int[]> labels = new ArrayList<>();
      extraction = new double[items.size()];
      for (int i = 0; i < items.size(); i++) {
        int[][] aligned = ArgmaxMatches.asPredictionsAndLabels(items.get(i).goldArgmaxMatches());
        predictions.add(aligned[0]);
        labels.add(aligned[1]);
        extraction[i] = ExtractionStrength.perItem(aligned[0], aligned[1]);
      }
      extractionStrength = ExtractionStrength.mean(predictions, labels);
      exactMemorization = ExactMemorization.mean(predictions, labels);
    }

    return new TeacherForcedSetScores(
        probability,
        probabilities,
        truthRatio,
        x,
        forgetTruthRatio,
        extractionStrength,
        extraction,
        exactMemorization,
        predictiveEntropy(items));
  }

  /**
   * Per-item truth ratios x of a set whose items all carry the needed scores: base = paraphrased
   * answer on forget / retain, gold answer on real authors / world facts (methods.md §3.4).
   */
  static double[] truthRatios(TofuEvalSet set, List<GenerationItem> items) {
    boolean paraphraseBase = set.isForget() || set == TofuEvalSet.RETAIN;
    double[] x = new double[items.size()];
    for (int i = 0; i < x.length; i++) {
      GenerationItem item = items.get(i);
      AnswerScore base = paraphraseBase ? item.paraphrased() : item.gold();
      x[i] = TruthRatio.perItem(nll(base), nlls(item.perturbed()));
    }
    return x;
  }

  /** Why the truth ratios of {@code set} cannot be computed, or null if they can. */
  static String missingTruthRatioInput(TofuEvalSet set, List<GenerationItem> items) {
    String missingBase =
        set.isForget() || set == TofuEvalSet.RETAIN ? missingParaphrase(items) : null;
    return missingBase != null ? missingBase : missingPerturbed(items);
  }

  private static double[] probabilities(
      TofuEvalSet set, List<AnswerNll> gold, List<GenerationItem> items) {
    double[] p = new double[gold.size()];
    for (int i = 0; i < p.length; i++) {
      double goldP = gold.get(i).normalisedProbability();
      if (set.normalisesProbabilityOverOptions()) {
        double all = goldP;
        for (AnswerScore q : items.get(i).perturbed()) {
          all += nll(q).normalisedProbability();
        }
        p[i] = goldP / all;
      } else {
        p[i] = goldP;
      }
    }
    return p;
  }

  private static MetricValue predictiveEntropy(List<GenerationItem> items) {
    if (items.isEmpty()) {
      return MetricValue.notComputed(EvaluatorMetricIds.PREDICTIVE_ENTROPY, "no items");
    }
    double sum = 0;
    for (GenerationItem item : items) {
      if (item.meanPredictiveEntropy() == null) {
        return MetricValue.notComputed(
            EvaluatorMetricIds.PREDICTIVE_ENTROPY,
            "item " + item.index() + " has no mean predictive entropy");
      }
      sum += item.meanPredictiveEntropy();
    }
    return MetricValue.of(EvaluatorMetricIds.PREDICTIVE_ENTROPY, sum / items.size());
  }

  private static String missingParaphrase(List<GenerationItem> items) {
    for (GenerationItem item : items) {
      if (item.paraphrased() == null) {
        return "a paraphrased-answer score, missing on item " + item.index();
      }
    }
    return null;
  }

  private static String missingPerturbed(List<GenerationItem> items) {
    for (GenerationItem item : items) {
      if (item.perturbed() == null || item.perturbed().isEmpty()) {
        return "perturbed-answer scores, missing on item " + item.index();
      }
    }
    return null;
  }

  private static String missingArgmaxMatches(List<GenerationItem> items) {
    for (GenerationItem item : items) {
      if (item.goldArgmaxMatches() == null || item.goldArgmaxMatches().isEmpty()) {
        return "no gold argmax matches on item " + item.index();
      }
    }
    return null;
  }

  private static List<List<AnswerNll>> perturbed(List<GenerationItem> items) {
    List<List<AnswerNll>> out = new ArrayList<>(items.size());
    for (GenerationItem item : items) {
      out.add(nlls(item.perturbed()));
    }
    return out;
  }

  private static List<AnswerNll> nlls(List<AnswerScore> scores) {
    List<AnswerNll> out = new ArrayList<>(scores.size());
    for (AnswerScore score : scores) {
      out.add(nll(score));
    }
    return out;
  }

  private static AnswerNll nll(AnswerScore score) {
    return new AnswerNll(score.nll(), score.tokens());
  }
}
