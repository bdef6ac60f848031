package io.lethe.metrics.tofu;

import io.lethe.metrics.MetricIds;
import io.lethe.metrics.MetricValue;
import java.util.List;

/**
 * TOFU's "Probability" metric ({@link MetricIds#TOFU_PROBABILITY}, methods.md §1.7 item 2, §3.4):
 * {@code mean_i exp(−S_i/n_i)} on retain and forget, and the options-normalised {@code mean_i
 * p_i/(p_i + Σ_j q_ij)} on real authors and world facts, where p and q are the length-normalised
 * probabilities of the gold and the perturbed answers. TOFU normalises without an epsilon.
 */
public final class AnswerProbability {

  private AnswerProbability() {}

  /** The probability for a set, choosing the form by the set (plain vs options-normalised). */
  public static MetricValue forSet(
      TofuEvalSet set, double[] goldAverageNll, double[][] perturbedAverageNll) {
    return set.normalisesProbabilityOverOptions()
        ? optionsNormalised(goldAverageNll, perturbedAverageNll)
        : mean(goldAverageNll);
  }

  /** {@code mean_i exp(−avgNll_i)} over the gold answers' average NLLs. */
  public static MetricValue mean(double[] goldAverageNll) {
    if (goldAverageNll.length == 0) {
      return MetricValue.notComputed(MetricIds.TOFU_PROBABILITY, "no items");
    }
    double sum = 0;
    for (double avg : goldAverageNll) {
      sum += Math.exp(-avg);
    }
    return MetricValue.of(MetricIds.TOFU_PROBABILITY, sum / goldAverageNll.length);
  }

  /** {@link #mean(double[])} from (S, n) pairs. */
  public static MetricValue mean(List<AnswerNll> gold) {
    return mean(averages(gold));
  }

  /**
   * {@code mean_i p_i/(p_i + Σ_j q_ij)} with {@code p = exp(−gold avgNll)}, {@code q =
   * exp(−perturbed avgNll)}.
   *
   * @param goldAverageNll per item, the gold answer's average NLL
   * @param perturbedAverageNll per item, the perturbed answers' average NLLs
   */
  public static MetricValue optionsNormalised(
      double[] goldAverageNll, double[][] perturbedAverageNll) {
    requireSameLength(goldAverageNll.length, perturbedAverageNll.length);
    if (goldAverageNll.length == 0) {
      return MetricValue.notComputed(MetricIds.TOFU_PROBABILITY, "no items");
    }
    double sum = 0;
    for (int i = 0; i < goldAverageNll.length; i++) {
      double p = Math.exp(-goldAverageNll[i]);
      double all = p;
      for (double q : perturbedAverageNll[i]) {
        all += Math.exp(-q);
      }
      sum += p / all;
    }
    return MetricValue.of(MetricIds.TOFU_PROBABILITY, sum / goldAverageNll.length);
  }

  /** {@link #optionsNormalised(double[], double[][])} from (S, n) pairs. */
  public static MetricValue optionsNormalised(
      List<AnswerNll> gold, List<List<AnswerNll>> perturbed) {
    double[][] pert = new double[perturbed.size()][];
    for (int i = 0; i < pert.length; i++) {
      pert[i] = averages(perturbed.get(i));
    }
    return optionsNormalised(averages(gold), pert);
  }

  static double[] averages(List<AnswerNll> answers) {
    double[] out = new double[answers.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = answers.get(i).averageNll();
    }
    return out;
  }

  static void requireSameLength(int a, int b) {
    if (a != b) {
      throw new IllegalArgumentException("per-item arrays differ in length: " + a + " vs " + b);
    }
  }
}
