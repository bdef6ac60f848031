package io.lethe.metrics.closerlook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lethe.metrics.MetricIds;
import io.lethe.metrics.MetricValue;
import org.junit.jupiter.api.Test;

/** The 18-term and 6-term closer-look harmonic utilities. */
class CloserLookModelUtilityTest {

  private static CloserLookSetScores all(double v, MetricValue cs) {
    return new CloserLookSetScores(
        MetricValue.of(MetricIds.TOFU_ROUGE_L_RECALL, v),
        MetricValue.of(MetricIds.TOFU_PROBABILITY, v),
        MetricValue.of(MetricIds.TOFU_TRUTH_RATIO, v),
        MetricValue.of(MetricIds.CL_TOKEN_ENTROPY, v),
        cs,
        MetricValue.of(MetricIds.CL_ENTAILMENT, v));
  }

  @Test
  void isTheHarmonicMeanOfEighteenNumbers() {
    // Retain all 1/2, real authors all 1/4, world facts all 1: 18 / (6·2 + 6·4 + 6·1) = 18/42.
    MetricValue mu =
        CloserLookModelUtility.of(
            all(0.5, MetricValue.of(MetricIds.CL_COSINE_SIMILARITY, 0.5)),
            all(0.25, MetricValue.of(MetricIds.CL_COSINE_SIMILARITY, 0.25)),
            all(1.0, MetricValue.of(MetricIds.CL_COSINE_SIMILARITY, 1.0)));
    assertThat(mu.definitionId()).isEqualTo(MetricIds.CL_MODEL_UTILITY);
    assertThat(mu.valueOrThrow()).isCloseTo(18.0 / 42, within(1e-15));
  }

  @Test
  void retainUtilityUsesOnlyTheSixRetainNumbers() {
    CloserLookSetScores retain =
        new CloserLookSetScores(
            MetricValue.of(MetricIds.TOFU_ROUGE_L_RECALL, 1),
            MetricValue.of(MetricIds.TOFU_PROBABILITY, 1),
            MetricValue.of(MetricIds.TOFU_TRUTH_RATIO, 0.5),
            MetricValue.of(MetricIds.CL_TOKEN_ENTROPY, 0.5),
            MetricValue.of(MetricIds.CL_COSINE_SIMILARITY, 0.25),
            MetricValue.of(MetricIds.CL_ENTAILMENT, 0.25));
    // 6 / (1 + 1 + 2 + 2 + 4 + 4) = 6/14.
    MetricValue mu = CloserLookModelUtility.retainOnly(retain);
    assertThat(mu.definitionId()).isEqualTo(MetricIds.CL_MODEL_UTILITY_RETAIN);
    assertThat(mu.valueOrThrow()).isCloseTo(6.0 / 14, within(1e-15));
  }

  @Test
  void missingCosineSimilarityMakesItNotComputed() {
    MetricValue missing = MetricValue.notComputed(MetricIds.CL_COSINE_SIMILARITY, "no embedder");
    MetricValue mu =
        CloserLookModelUtility.of(
            all(0.5, MetricValue.of(MetricIds.CL_COSINE_SIMILARITY, 0.5)),
            all(0.5, missing),
            all(0.5, MetricValue.of(MetricIds.CL_COSINE_SIMILARITY, 0.5)));
    assertThat(mu.computed()).isFalse();
    assertThat(mu.notComputedReason()).contains("Real Authors Cosine Similarity");
  }
}
