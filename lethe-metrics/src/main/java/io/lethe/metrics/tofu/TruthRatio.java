package io.lethe.metrics.tofu;

import io.lethe.metrics.MetricIds;
import io.lethe.metrics.MetricValue;
import java.util.List;

/**
 * TOFU's truth ratio ({@link MetricIds#TOFU_TRUTH_RATIO}, methods.md §1.7 item 3, §3.4).
 *
 * <p>Per item, as every codebase computes it: {@code x_i = exp(mean_j(S^pert_ij/n^pert_ij) −
 * S^base_i/n^base_i)} = P(base)^(1/n) / geomean_j P(pert_j)^(1/n_j) = 1/R_truth, where "base" is
 * the paraphrased answer (retain, forget) or the gold answer (real authors, world facts).
 *
 * <p>Aggregates: forget {@code mean min(x, 1/x)} (TOFU; open-unlearning's {@code
 * closer_to_1_better}), all other sets {@code mean max(0, 1 − 1/x)} ({@code true_better}).
 */
public final class TruthRatio {

  private TruthRatio() {}

  /**
   * x for one item from average NLLs.
   *
   * @param baseAverageNll the paraphrased (or gold) answer's S/n
   * @param perturbedAverageNll each perturbed answer's S/n
   */
  public static double perItem(double baseAverageNll, double[] perturbedAverageNll) {
    if (perturbedAverageNll.length == 0) {
      throw new IllegalArgumentException("the truth ratio needs at least one perturbed answer");
    }
    double sum = 0;
    for (double v : perturbedAverageNll) {
      sum += v;
    }
    return Math.exp(sum / perturbedAverageNll.length - baseAverageNll);
  }

  /** x for one item from (S, n) pairs. */
  public static double perItem(AnswerNll base, List<AnswerNll> perturbed) {
    return perItem(base.averageNll(), AnswerProbability.averages(perturbed));
  }

  /** x for every item. */
  public static double[] perItem(double[] baseAverageNll, double[][] perturbedAverageNll) {
    AnswerProbability.requireSameLength(baseAverageNll.length, perturbedAverageNll.length);
    double[] x = new double[baseAverageNll.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = perItem(baseAverageNll[i], perturbedAverageNll[i]);
    }
    return x;
  }

  /** The set's reported truth ratio, with the aggregator TOFU uses for that set. */
  public static MetricValue forSet(TofuEvalSet set, double[] x) {
    return set.isForget() ? closerToOneBetter(x) : trueBetter(x);
  }

  /** Forget-set aggregate {@code mean min(x, 1/x)}: 1 when true and wrong answers are alike. */
  public static MetricValue closerToOneBetter(double[] x) {
    if (x.length == 0) {
      return MetricValue.notComputed(MetricIds.TOFU_TRUTH_RATIO, "no items");
    }
    return MetricValue.of(MetricIds.TOFU_TRUTH_RATIO, meanMinOfXAndInverse(x));
  }

  /** Retain / real-authors / world-facts aggregate {@code mean max(0, 1 − 1/x)}. */
  public static MetricValue trueBetter(double[] x) {
    if (x.length == 0) {
      return MetricValue.notComputed(MetricIds.TOFU_TRUTH_RATIO, "no items");
    }
    double sum = 0;
    for (double v : x) {
      sum += Math.max(0, 1 - 1 / v);
    }
    return MetricValue.of(MetricIds.TOFU_TRUTH_RATIO, sum / x.length);
  }

  /** {@code mean min(x, 1/x)}, shared with the closer-look forget truth ratio. */
  public static double meanMinOfXAndInverse(double[] x) {
    if (x.length == 0) {
      throw new IllegalArgumentException("no items");
    }
    double sum = 0;
    for (double v : x) {
      sum += Math.min(v, 1 / v);
    }
    return sum / x.length;
  }
}
