package io.lethe.metrics.closerlook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.lethe.metrics.MetricIds;
import io.lethe.metrics.MetricValue;
import org.junit.jupiter.api.Test;

/** Forget efficacy and sail-sg's forget truth ratio, including the not-computed rule. */
class ForgetEfficacyTest {

  private static CloserLookSetScores forget(MetricValue cs, MetricValue es) {
    return new CloserLookSetScores(
        MetricValue.of(MetricIds.TOFU_ROUGE_L_RECALL, 0.2),
        MetricValue.of(MetricIds.TOFU_PROBABILITY, 0.1),
        ForgetTruthRatio.of(new double[] {0.5, 2.0}), // 1 - mean(1/2, 1/2) = 1/2
        MetricValue.of(MetricIds.CL_TOKEN_ENTROPY, 0.9), // excluded from FE
        cs,
        es);
  }

  @Test
  void isOneMinusTheMeanOfFiveForgetTerms() {
    MetricValue fe =
        ForgetEfficacy.of(
            forget(
                MetricValue.of(MetricIds.CL_COSINE_SIMILARITY, 0.3),
                MetricValue.of(MetricIds.CL_ENTAILMENT, 0.4)));
    assertThat(fe.definitionId()).isEqualTo(MetricIds.CL_FORGET_EFFICACY);
    // 1 - (0.2 + 0.1 + 0.5 + 0.3 + 0.4)/5 = 1 - 0.3 = 0.7.
    assertThat(fe.valueOrThrow()).isCloseTo(0.7, within(1e-15));
  }

  @Test
  void isNotComputedWhenCosineOrEntailmentIsMissing() {
    MetricValue fe =
        ForgetEfficacy.of(
            forget(
                MetricValue.of(MetricIds.CL_COSINE_SIMILARITY, 0.3),
                MetricValue.notComputed(MetricIds.CL_ENTAILMENT, "NLI model unavailable")));
    assertThat(fe.computed()).isFalse();
    assertThat(fe.notComputedReason())
        .contains(MetricIds.CL_ENTAILMENT)
        .contains("NLI model unavailable");
  }

  @Test
  void refusesTofusForgetTruthRatioInPlaceOfTrF() {
    assertThatThrownBy(
            () ->
                ForgetEfficacy.of(
                    MetricValue.of(MetricIds.TOFU_ROUGE_L_RECALL, 0.2),
                    MetricValue.of(MetricIds.TOFU_PROBABILITY, 0.1),
                    MetricValue.of(MetricIds.TOFU_TRUTH_RATIO, 0.5),
                    MetricValue.of(MetricIds.CL_COSINE_SIMILARITY, 0.3),
                    MetricValue.of(MetricIds.CL_ENTAILMENT, 0.4)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(MetricIds.CL_FORGET_TRUTH_RATIO);
  }

  @Test
  void forgetTruthRatioIsOneMinusTofusForm() {
    // TOFU form: mean(min(2, 1/2), min(1, 1)) = 3/4; TR_F = 1/4.
    assertThat(ForgetTruthRatio.of(new double[] {2, 1}).valueOrThrow())
        .isCloseTo(0.25, within(1e-15));
  }
}
