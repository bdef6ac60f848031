package io.lethe.unlearning.loss;

import static io.lethe.unlearning.Fixtures.LABELS;
import static io.lethe.unlearning.Fixtures.LOGITS;
import static io.lethe.unlearning.Fixtures.OTHER_LOGITS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import io.lethe.unlearning.Fixtures;
import io.lethe.unlearning.NdTestSupport;
import io.lethe.unlearning.ReferenceMath;
import org.junit.jupiter.api.Test;

class NpoLossTest extends NdTestSupport {

  private static final double BETA = 0.1;

  @Test
  void equalsTwoOverBetaLogTwoWhenTheModelIsTheReference() {
    NDArray s = Fixtures.vector(manager, 3.0, 5.5);

    float loss = NpoLoss.of(s, s, BETA).getFloat();

    assertThat((double) loss).isCloseTo(2 / BETA * Math.log(2), within(1e-5)); // 13.8629
  }

  @Test
  void matchesTheLikelihoodRatioForm() {
    // (2/β)·mean log(1 + (π_θ/π_ref)^β) with log π = −S.
    double[] sTheta = {3.0, 5.5};
    double[] sRef = {2.0, 6.0};
    double expected = 0;
    for (int i = 0; i < 2; i++) {
      double ratio = Math.exp(-sTheta[i]) / Math.exp(-sRef[i]);
      expected += Math.log(1 + Math.pow(ratio, BETA)) / 2;
    }
    expected *= 2 / BETA;

    float loss =
        NpoLoss.of(Fixtures.vector(manager, sTheta), Fixtures.vector(manager, sRef), BETA)
            .getFloat();

    assertThat((double) loss).isCloseTo(expected, within(1e-5)); // 13.6286
  }

  @Test
  void descentRaisesTheForgetNllWithAFadingGradient() {
    NDArray sTheta = trainableVector(3.0, 5.5);
    NDArray sRef = Fixtures.vector(manager, 2.0, 6.0);

    backward(() -> NpoLoss.of(sTheta, sRef, BETA));

    // dL/dS_θ(i) = −(2/B)·σ(−β(S_θ − S_ref)) < 0: a descent step increases S_θ.
    float[] grad = sTheta.getGradient().toFloatArray();
    assertThat((double) grad[0]).isCloseTo(-sigmoid(-BETA * 1.0), within(1e-6));
    assertThat((double) grad[1]).isCloseTo(-sigmoid(-BETA * -0.5), within(1e-6));
  }

  @Test
  void staysFiniteForLargeLikelihoodRatios() {
    float loss =
        NpoLoss.of(Fixtures.vector(manager, 5000, 0), Fixtures.vector(manager, 0, 5000), BETA)
            .getFloat();

    // softplus(−500) ≈ 0 and softplus(500) = 500: (2/β)·(0 + 500)/2.
    assertThat((double) loss).isCloseTo(2 / BETA * 250, within(1e-2));
  }

  @Test
  void composesWithPerSequenceNllFromLogits() {
    NDArray labels = Fixtures.ints(manager, LABELS);
    NDArray sTheta = NextTokenNll.perSequence(Fixtures.logits(manager, LOGITS), labels);
    NDArray sRef = NextTokenNll.perSequence(Fixtures.logits(manager, OTHER_LOGITS), labels);

    double[] t = ReferenceMath.perSequence(LOGITS, LABELS);
    double[] r = ReferenceMath.perSequence(OTHER_LOGITS, LABELS);
    double expected =
        2
            / BETA
            * (ReferenceMath.softplus(-BETA * (t[0] - r[0]))
                + ReferenceMath.softplus(-BETA * (t[1] - r[1])))
            / 2;

    assertThat((double) NpoLoss.of(sTheta, sRef, BETA).getFloat())
        .isCloseTo(expected, within(1e-5));
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }
}
