package io.lethe.metrics.tofu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lethe.metrics.MetricIds;
import io.lethe.metrics.MetricValue;
import org.junit.jupiter.api.Test;

/** Forget quality as a KS p-value, with hand-countable orderings. */
class ForgetQualityTest {

  @Test
  void isTheKsPValueBetweenTruthRatioSamples() {
    // 2 vs 3 observations with D = 2/3: 6 of the C(5,2) = 10 orderings reach it -> p = 0.6.
    MetricValue fq = ForgetQuality.of(new double[] {0.99, 1.99}, new double[] {1, 2, 3});
    assertThat(fq.definitionId()).isEqualTo(MetricIds.TOFU_FORGET_QUALITY);
    assertThat(fq.valueOrThrow()).isCloseTo(0.6, within(1e-15));
  }

  @Test
  void aModelComparedWithItselfHasQualityOne() {
    double[] x = {0.4, 0.9, 1.3, 0.2};
    assertThat(ForgetQuality.of(x, x.clone()).valueOrThrow()).isEqualTo(1.0);
  }

  @Test
  void separatedSamplesOfEqualSizeHaveTheTwoExtremeOrderings() {
    // All unlearned ratios below all retain ratios, n = 3 each: p = 2/C(6,3) = 0.1.
    var test = ForgetQuality.test(new double[] {0.1, 0.2, 0.3}, new double[] {1, 2, 3});
    assertThat(ForgetQuality.pValue(test).valueOrThrow()).isCloseTo(0.1, within(1e-15));
    assertThat(ForgetQuality.statistic(test).valueOrThrow()).isEqualTo(1.0);
  }

  @Test
  void emptySampleIsNotComputed() {
    MetricValue fq = ForgetQuality.of(new double[0], new double[] {1});
    assertThat(fq.computed()).isFalse();
    assertThat(fq.notComputedReason()).contains("empty");
  }
}
