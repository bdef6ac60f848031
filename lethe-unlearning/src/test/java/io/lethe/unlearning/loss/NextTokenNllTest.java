package io.lethe.unlearning.loss;

import static io.lethe.unlearning.Fixtures.LABELS;
import static io.lethe.unlearning.Fixtures.LOGITS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.lethe.unlearning.Fixtures;
import io.lethe.unlearning.NdTestSupport;
import io.lethe.unlearning.ReferenceMath;
import org.junit.jupiter.api.Test;

class NextTokenNllTest extends NdTestSupport {

  @Test
  void uniformLogitsCostLogVPerToken() {
    // Hand value: with all-zero logits every token has probability 1/3.
    NDArray logits = manager.zeros(new Shape(2, 4, 3));
    NDArray labels = Fixtures.ints(manager, LABELS);
    double log3 = Math.log(3);

    assertThat(NextTokenNll.mean(logits, labels).getFloat()).isCloseTo((float) log3, within(1e-6f));
    assertThat(NextTokenNll.perSequence(logits, labels).toFloatArray())
        .containsExactly(new float[] {(float) (2 * log3), (float) (3 * log3)}, within(1e-5f));
  }

  @Test
  void perTokenNllShiftsByOneAndZeroesIgnoredLabels() {
    NDArray nll =
        NextTokenNll.perToken(Fixtures.logits(manager, LOGITS), Fixtures.ints(manager, LABELS));

    double[][] expected = ReferenceMath.perTokenNll(LOGITS, LABELS);
    assertThat(nll.getShape()).isEqualTo(new Shape(2, 3));
    float[] actual = nll.toFloatArray();
    for (int i = 0; i < 2; i++) {
      for (int t = 0; t < 3; t++) {
        assertThat((double) actual[i * 3 + t]).isCloseTo(expected[i][t], within(1e-6));
      }
    }
    // Row 0, t = 2 predicts label −100: no loss there.
    assertThat(actual[2]).isZero();
    // Row 0, t = 0 predicts token 2 from logits (1, 2, 0.5): −log(e^0.5 / (e + e² + e^0.5)).
    double hand = -(0.5 - Math.log(Math.exp(1.0) + Math.exp(2.0) + Math.exp(0.5)));
    assertThat((double) actual[0]).isCloseTo(hand, within(1e-6));
  }

  @Test
  void meanIsTokenWeightedOverTheWholeBatch() {
    NDArray logits = Fixtures.logits(manager, LOGITS);
    NDArray labels = Fixtures.ints(manager, LABELS);

    float m = NextTokenNll.mean(logits, labels).getFloat();
    double[] s = ReferenceMath.perSequence(LOGITS, LABELS);

    assertThat((double) m).isCloseTo(ReferenceMath.mean(LOGITS, LABELS), within(1e-6));
    assertThat((double) m).isCloseTo((s[0] + s[1]) / 5, within(1e-6));
    // Not the mean of per-sequence means (the rows have 2 and 3 targets).
    assertThat((double) m).isNotCloseTo((s[0] / 2 + s[1] / 3) / 2, within(1e-3));
  }

  @Test
  void perSequenceSumsWithoutLengthNormalisation() {
    float[] s =
        NextTokenNll.perSequence(Fixtures.logits(manager, LOGITS), Fixtures.ints(manager, LABELS))
            .toFloatArray();

    double[] expected = ReferenceMath.perSequence(LOGITS, LABELS);
    assertThat((double) s[0]).isCloseTo(expected[0], within(1e-5));
    assertThat((double) s[1]).isCloseTo(expected[1], within(1e-5));
  }

  @Test
  void targetCountsCountLabelsAfterTheShift() {
    NDArray labels = Fixtures.ints(manager, LABELS);

    assertThat(NextTokenNll.targetCounts(labels).toFloatArray()).containsExactly(2f, 3f);
    assertThat(NextTokenNll.targetMask(labels).toFloatArray())
        .containsExactly(1f, 1f, 0f, 1f, 1f, 1f);
  }

  @Test
  void ignoredPositionsAndTheLastPositionGetNoGradient() {
    NDArray logits = trainable(LOGITS);
    NDArray labels = Fixtures.ints(manager, LABELS);

    backward(() -> NextTokenNll.mean(logits, labels));

    NDArray grad = logits.getGradient();
    for (int v = 0; v < 3; v++) {
      assertThat(Fixtures.at(grad, 0, 2, v)).isZero(); // label −100
      assertThat(Fixtures.at(grad, 0, 3, v)).isZero(); // last position predicts nothing
      assertThat(Fixtures.at(grad, 1, 3, v)).isZero();
    }
    // A scored position: dM/dz = (p − onehot(y)) / #valid.
    double[] p = ReferenceMath.softmax(LOGITS[1][0]);
    assertThat((double) Fixtures.at(grad, 1, 0, 0)).isCloseTo((p[0] - 1) / 5, within(1e-6));
    assertThat((double) Fixtures.at(grad, 1, 0, 1)).isCloseTo(p[1] / 5, within(1e-6));
  }

  @Test
  void logSoftmaxRunsInFloat32ForHalfPrecisionLogits() {
    NDArray half = Fixtures.logits(manager, LOGITS).toType(DataType.FLOAT16, false);

    NDArray logProbs = NextTokenNll.shiftedLogProbs(half);

    assertThat(logProbs.getDataType()).isEqualTo(DataType.FLOAT32);
    assertThat(logProbs.getShape()).isEqualTo(new Shape(2, 3, 3));
  }
}
