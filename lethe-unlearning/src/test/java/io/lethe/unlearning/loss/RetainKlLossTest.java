package io.lethe.unlearning.loss;

import static io.lethe.unlearning.Fixtures.LOGITS;
import static io.lethe.unlearning.Fixtures.OTHER_LOGITS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import io.lethe.unlearning.Fixtures;
import io.lethe.unlearning.NdTestSupport;
import io.lethe.unlearning.ReferenceMath;
import org.junit.jupiter.api.Test;

class RetainKlLossTest extends NdTestSupport {

  @Test
  void isKlFromReferenceOverAllPositionsDividedByBTimesL() {
    float loss =
        RetainKlLoss.of(Fixtures.logits(manager, LOGITS), Fixtures.logits(manager, OTHER_LOGITS))
            .getFloat();

    // All 8 rows of the flattened (B·L, V) logits, padding and the last position included.
    double sum = 0;
    for (int i = 0; i < 2; i++) {
      for (int t = 0; t < 4; t++) {
        double[] logTheta = ReferenceMath.logSoftmax(LOGITS[i][t]);
        double[] logRef = ReferenceMath.logSoftmax(OTHER_LOGITS[i][t]);
        for (int v = 0; v < 3; v++) {
          sum += Math.exp(logRef[v]) * (logRef[v] - logTheta[v]);
        }
      }
    }
    assertThat((double) loss).isCloseTo(sum / 8, within(1e-6));
  }

  @Test
  void isZeroWhenTheModelIsTheReferenceAndPositiveOtherwise() {
    NDArray theta = Fixtures.logits(manager, LOGITS);

    assertThat(RetainKlLoss.of(theta, Fixtures.logits(manager, LOGITS)).getFloat())
        .isCloseTo(0f, within(1e-7f));
    assertThat(RetainKlLoss.of(theta, Fixtures.logits(manager, OTHER_LOGITS)).getFloat())
        .isPositive();
  }

  @Test
  void gradientPullsEveryPositionTowardTheReference() {
    NDArray theta = trainable(LOGITS);
    NDArray ref = Fixtures.logits(manager, OTHER_LOGITS);

    backward(() -> RetainKlLoss.of(theta, ref));

    // d/dz_θ Σ p_ref (log p_ref − log p_θ) / (B·L) = (p_θ − p_ref) / (B·L), at every position.
    NDArray grad = theta.getGradient();
    for (int t = 0; t < 4; t++) {
      double[] pTheta = ReferenceMath.softmax(LOGITS[0][t]);
      double[] pRef = ReferenceMath.softmax(OTHER_LOGITS[0][t]);
      for (int v = 0; v < 3; v++) {
        assertThat((double) Fixtures.at(grad, 0, t, v))
            .isCloseTo((pTheta[v] - pRef[v]) / 8, within(1e-6));
      }
    }
  }
}
