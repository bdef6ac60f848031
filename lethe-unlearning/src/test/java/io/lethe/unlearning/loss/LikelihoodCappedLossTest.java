package io.lethe.unlearning.loss;

import static io.lethe.unlearning.Fixtures.LABELS;
import static io.lethe.unlearning.Fixtures.LOGITS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import io.lethe.unlearning.Fixtures;
import io.lethe.unlearning.NdTestSupport;
import io.lethe.unlearning.ReferenceMath;
import org.junit.jupiter.api.Test;

class LikelihoodCappedLossTest extends NdTestSupport {

  private static final double DELTA = 2.0;

  @Test
  void onlyForgetAveragesTheHingeOverSamplesUnderTheCap() {
    NDArray s = trainableVector(1.0, 3.0, 0.5, 2.0);

    float loss = backward(() -> LikelihoodCappedLoss.onlyForget(s, DELTA));

    // U = {0, 2} (S = 2.0 is not under δ): ((2 − 1) + (2 − 0.5)) / 2 = 1.25.
    assertThat(loss).isCloseTo(1.25f, within(1e-6f));
    // d/dS_i = −1/|U| on U (ascent on those samples only), 0 elsewhere.
    assertThat(s.getGradient().toFloatArray())
        .containsExactly(new float[] {-0.5f, 0f, -0.5f, 0f}, within(1e-9f));
  }

  @Test
  void onlyForgetIsZeroWithZeroGradientOnceEverySampleIsPastTheCap() {
    NDArray s = trainableVector(2.5, 3.0);

    float loss = backward(() -> LikelihoodCappedLoss.onlyForget(s, DELTA));

    assertThat(loss).isCloseTo(0f, within(1e-9f));
    assertThat(s.getGradient().toFloatArray()).containsExactly(new float[] {0f, 0f}, within(1e-9f));
  }

  @Test
  void ocrCeMixesRetainNllAndCappedGa() {
    NDArray s = trainableVector(1.0, 3.0, 0.5);
    NDArray retainMean = trainableVector(0.8);

    float loss =
        backward(() -> LikelihoodCappedLoss.withRetain(s, retainMean.reshape(), DELTA, 0.1));

    assertThat(loss).isCloseTo((float) (0.9 * 0.8 + 0.1 * 1.25), within(1e-6f));
    assertThat(retainMean.getGradient().getFloat()).isCloseTo(0.9f, within(1e-6f));
    assertThat(s.getGradient().toFloatArray())
        .containsExactly(new float[] {-0.05f, 0f, -0.05f}, within(1e-7f));
  }

  @Test
  void ocrCeSwitchesTheWholeUpdateOffOnceEverySampleIsPastTheCap() {
    NDArray s = trainableVector(2.5, 3.0);
    NDArray retainMean = trainableVector(0.8);

    float loss =
        backward(() -> LikelihoodCappedLoss.withRetain(s, retainMean.reshape(), DELTA, 0.1));

    assertThat(loss).isCloseTo(0f, within(1e-9f));
    assertThat(retainMean.getGradient().getFloat()).isCloseTo(0f, within(1e-9f));
    assertThat(s.getGradient().toFloatArray()).containsExactly(new float[] {0f, 0f}, within(1e-9f));
  }

  @Test
  void cappedGaOnLogitsHasExactlyZeroGradientWhenEveryNllIsAboveTheCap() {
    NDArray logits = trainable(LOGITS);
    NDArray labels = Fixtures.ints(manager, LABELS);
    double[] s = ReferenceMath.perSequence(LOGITS, LABELS);
    double belowBoth = Math.min(s[0], s[1]) - 0.01;

    float loss =
        backward(
            () ->
                LikelihoodCappedLoss.onlyForget(
                    NextTokenNll.perSequence(logits, labels), belowBoth));

    assertThat(loss).isCloseTo(0f, within(1e-9f));
    for (float g : logits.getGradient().toFloatArray()) {
      assertThat(g).isCloseTo(0f, within(1e-9f));
    }
  }

  @Test
  void cappedGaOnLogitsIsGradientAscentOnTheSamplesUnderTheCap() {
    NDArray logits = trainable(LOGITS);
    NDArray labels = Fixtures.ints(manager, LABELS);
    double[] s = ReferenceMath.perSequence(LOGITS, LABELS);
    // A cap between the two rows' NLLs: only the lower one is pushed.
    int low = s[0] < s[1] ? 0 : 1;
    double delta = (s[0] + s[1]) / 2;

    float loss =
        backward(
            () -> LikelihoodCappedLoss.onlyForget(NextTokenNll.perSequence(logits, labels), delta));

    assertThat((double) loss).isCloseTo(delta - s[low], within(1e-5));
    NDArray grad = logits.getGradient();
    float highRowAbsSum = 0;
    for (int t = 0; t < 4; t++) {
      for (int v = 0; v < 3; v++) {
        highRowAbsSum += Math.abs(Fixtures.at(grad, 1 - low, t, v));
      }
    }
    assertThat(highRowAbsSum).isCloseTo(0f, within(1e-9f));
    assertThat(grad.abs().sum().getFloat()).isPositive();
  }
}
