package io.lethe.unlearning.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import io.lethe.unlearning.Fixtures;
import io.lethe.unlearning.NdTestSupport;
import io.lethe.unlearning.ReferenceMath;
import org.junit.jupiter.api.Test;

class DpoLossTest extends NdTestSupport {

  private static final double BETA = 0.1;

  @Test
  void equalsTwoOverBetaLogTwoWhenTheModelIsTheReference() {
    NDArray sForget = Fixtures.vector(manager, 4.0, 7.0);
    NDArray sIdk = Fixtures.vector(manager, 9.0, 6.5);

    float loss = DpoLoss.of(sForget, sIdk, sForget, sIdk, BETA).getFloat();

    assertThat((double) loss).isCloseTo(2 / BETA * Math.log(2), within(1e-5));
  }

  @Test
  void matchesTheFormulaOnHandNumbers() {
    // h_i = (S_θ(f) − S_θ(idk)) − (S_ref(f) − S_ref(idk)):
    // h_0 = (6 − 5) − (4 − 9) = 6,   h_1 = (7 − 8) − (7 − 6.5) = −1.5.
    float loss =
        DpoLoss.of(
                Fixtures.vector(manager, 6.0, 7.0),
                Fixtures.vector(manager, 5.0, 8.0),
                Fixtures.vector(manager, 4.0, 7.0),
                Fixtures.vector(manager, 9.0, 6.5),
                BETA)
            .getFloat();

    double expected =
        -2 / BETA * (Math.log(sigmoid(BETA * 6)) + Math.log(sigmoid(BETA * -1.5))) / 2;
    assertThat((double) loss).isCloseTo(expected, within(1e-5));
    assertThat((double) loss)
        .isCloseTo(
            2 / BETA * (ReferenceMath.softplus(-0.6) + ReferenceMath.softplus(0.15)) / 2,
            within(1e-5));
  }

  @Test
  void lowerRefusalNllMeansLowerLossSoTheRefusalIsPreferred() {
    NDArray sRefForget = Fixtures.vector(manager, 4.0);
    NDArray sRefIdk = Fixtures.vector(manager, 9.0);
    NDArray sForget = Fixtures.vector(manager, 4.0);

    float refusalUnlikely =
        DpoLoss.of(sForget, Fixtures.vector(manager, 9.0), sRefForget, sRefIdk, BETA).getFloat();
    float refusalLikely =
        DpoLoss.of(sForget, Fixtures.vector(manager, 3.0), sRefForget, sRefIdk, BETA).getFloat();

    assertThat(refusalLikely).isLessThan(refusalUnlikely);
  }

  @Test
  void descentLowersTheRefusalNllAndRaisesTheTrueAnswerNll() {
    NDArray sThetaForget = trainableVector(6.0, 7.0);
    NDArray sThetaIdk = trainableVector(5.0, 8.0);
    NDArray sRefForget = Fixtures.vector(manager, 4.0, 7.0);
    NDArray sRefIdk = Fixtures.vector(manager, 9.0, 6.5);

    backward(() -> DpoLoss.of(sThetaForget, sThetaIdk, sRefForget, sRefIdk, BETA));

    for (float g : sThetaIdk.getGradient().toFloatArray()) {
      assertThat(g).isPositive(); // a descent step lowers S_θ(idk)
    }
    for (float g : sThetaForget.getGradient().toFloatArray()) {
      assertThat(g).isNegative(); // and raises S_θ(forget)
    }
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }
}
