package io.lethe.metrics.tofu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lethe.metrics.MetricIds;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-item truth ratio and its forget / non-forget aggregators on hand values. */
class TruthRatioTest {

  @Test
  void perItemIsExpOfMeanPerturbedMinusBaseAverageLoss() {
    // base S/n = 1.0; perturbed S/n = 1.5 and 2.5 -> mean 2.0 -> x = e^1.
    double x =
        TruthRatio.perItem(
            new AnswerNll(4.0, 4), List.of(new AnswerNll(3.0, 2), new AnswerNll(5.0, 2)));
    assertThat(x).isCloseTo(Math.E, within(1e-15));
  }

  @Test
  void perItemUsesTheGeometricMeanOfPerturbedProbabilities() {
    // x = P(base)^(1/n) / geomean_j P(pert_j)^(1/n_j): base 0.5; perturbed 0.25 and 0.0625.
    double x = TruthRatio.perItem(Math.log(2), new double[] {Math.log(4), Math.log(16)});
    double geomean = Math.sqrt(0.25 * 0.0625);
    assertThat(x).isCloseTo(0.5 / geomean, within(1e-12));
  }

  @Test
  void forgetAggregateIsMeanOfMinOfXAndInverse() {
    // min(2, 1/2) = 1/2, min(1/4, 4) = 1/4, min(1, 1) = 1 -> mean 7/12.
    double[] x = {2, 0.25, 1};
    var tr = TruthRatio.forSet(TofuEvalSet.FORGET, x);
    assertThat(tr.definitionId()).isEqualTo(MetricIds.TOFU_TRUTH_RATIO);
    assertThat(tr.valueOrThrow()).isCloseTo(7.0 / 12, within(1e-15));
  }

  @Test
  void retainAggregateIsMeanOfOneMinusInverseClippedAtZero() {
    // 1 - 1/2 = 1/2, 1 - 4 -> 0, 1 - 1 = 0 -> mean 1/6.
    double[] x = {2, 0.25, 1};
    assertThat(TruthRatio.forSet(TofuEvalSet.RETAIN, x).valueOrThrow())
        .isCloseTo(1.0 / 6, within(1e-15));
    assertThat(TruthRatio.forSet(TofuEvalSet.REAL_AUTHORS, x).valueOrThrow())
        .isCloseTo(1.0 / 6, within(1e-15));
  }

  @Test
  void extremeRatiosStayFinite() {
    double[] x = {Double.POSITIVE_INFINITY, 0.0};
    assertThat(TruthRatio.closerToOneBetter(x).valueOrThrow()).isZero();
    assertThat(TruthRatio.trueBetter(x).valueOrThrow()).isEqualTo(0.5);
  }

  @Test
  void noItemsIsNotComputed() {
    assertThat(TruthRatio.closerToOneBetter(new double[0]).computed()).isFalse();
    assertThat(TruthRatio.trueBetter(new double[0]).computed()).isFalse();
  }
}
