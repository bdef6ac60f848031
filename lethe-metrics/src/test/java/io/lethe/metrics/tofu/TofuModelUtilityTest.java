package io.lethe.metrics.tofu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lethe.metrics.MetricIds;
import io.lethe.metrics.MetricValue;
import org.junit.jupiter.api.Test;

/** TOFU's 9-term harmonic model utility. */
class TofuModelUtilityTest {

  private static TofuSetScores scores(double rouge, double prob, double tr) {
    return new TofuSetScores(
        MetricValue.of(MetricIds.TOFU_ROUGE_L_RECALL, rouge),
        MetricValue.of(MetricIds.TOFU_PROBABILITY, prob),
        MetricValue.of(MetricIds.TOFU_TRUTH_RATIO, tr));
  }

  @Test
  void isTheHarmonicMeanOfNineNumbers() {
    // Six entries 1/2 and three entries 1/4: 9 / (6·2 + 3·4) = 9/24.
    MetricValue mu =
        TofuModelUtility.of(scores(0.5, 0.5, 0.25), scores(0.5, 0.5, 0.25), scores(0.5, 0.5, 0.25));
    assertThat(mu.definitionId()).isEqualTo(MetricIds.TOFU_MODEL_UTILITY);
    assertThat(mu.valueOrThrow()).isCloseTo(9.0 / 24, within(1e-15));
  }

  @Test
  void anyZeroMakesItZero() {
    MetricValue mu =
        TofuModelUtility.of(scores(0.9, 0.9, 0.0), scores(0.9, 0.9, 0.9), scores(0.9, 0.9, 0.9));
    assertThat(mu.valueOrThrow()).isZero();
  }

  @Test
  void aMissingComponentMakesItNotComputedAndSaysWhich() {
    TofuSetScores worldFacts =
        new TofuSetScores(
            MetricValue.notComputed(MetricIds.TOFU_ROUGE_L_RECALL, "no items"),
            MetricValue.of(MetricIds.TOFU_PROBABILITY, 0.5),
            MetricValue.of(MetricIds.TOFU_TRUTH_RATIO, 0.5));
    MetricValue mu = TofuModelUtility.of(scores(1, 1, 1), scores(1, 1, 1), worldFacts);
    assertThat(mu.computed()).isFalse();
    assertThat(mu.notComputedReason()).contains("World Facts ROUGE");
  }
}
