package io.lethe.unlearning.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import io.lethe.unlearning.Fixtures;
import io.lethe.unlearning.NdTestSupport;
import io.lethe.unlearning.ReferenceMath;
import org.junit.jupiter.api.Test;

class AnswerPreservationLossTest extends NdTestSupport {

  private static final double BETA = 0.1;

  @Test
  void equalsOneOverBetaLogTwoWhenRefusalAndAnswerAreEquallyLikely() {
    NDArray s = Fixtures.vector(manager, 5.0, 12.0);

    assertThat((double) AnswerPreservationLoss.of(s, s, BETA).getFloat())
        .isCloseTo(1 / BETA * Math.log(2), within(1e-5));
  }

  @Test
  void matchesTheFormulaOnHandNumbers() {
    // S(retain_idk) − S(retain) = 10 − 4 = 6 and 3 − 8 = −5.
    float loss =
        AnswerPreservationLoss.of(
                Fixtures.vector(manager, 10.0, 3.0), Fixtures.vector(manager, 4.0, 8.0), BETA)
            .getFloat();

    double expected = 1 / BETA * (ReferenceMath.softplus(-0.6) + ReferenceMath.softplus(0.5)) / 2;
    assertThat((double) loss).isCloseTo(expected, within(1e-5));
  }

  @Test
  void descentPrefersTheTrueRetainAnswerOverTheRefusal() {
    NDArray sIdk = trainableVector(10.0, 3.0);
    NDArray sAnswer = trainableVector(4.0, 8.0);

    backward(() -> AnswerPreservationLoss.of(sIdk, sAnswer, BETA));

    for (float g : sIdk.getGradient().toFloatArray()) {
      assertThat(g).isNegative(); // a descent step raises the refusal's NLL
    }
    for (float g : sAnswer.getGradient().toFloatArray()) {
      assertThat(g).isPositive(); // and lowers the true answer's NLL
    }
  }
}
