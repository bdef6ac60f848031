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

class GradientAscentLossTest extends NdTestSupport {

  @Test
  void isTheNegatedTokenMeanNll() {
    float loss =
        GradientAscentLoss.of(Fixtures.logits(manager, LOGITS), Fixtures.ints(manager, LABELS))
            .getFloat();

    assertThat((double) loss).isCloseTo(-ReferenceMath.mean(LOGITS, LABELS), within(1e-6));
  }

  @Test
  void gradientOnTheGoldLogitIsPositiveSoADescentStepLowersItsLogProb() {
    NDArray logits = trainable(LOGITS);
    NDArray labels = Fixtures.ints(manager, LABELS);

    backward(() -> GradientAscentLoss.of(logits, labels));

    NDArray grad = logits.getGradient();
    // Row 0, position 0 predicts token 2: d(−M)/dz_gold = (1 − p_gold)/#valid > 0.
    double pGold = ReferenceMath.softmax(LOGITS[0][0])[2];
    assertThat((double) Fixtures.at(grad, 0, 0, 2)).isCloseTo((1 - pGold) / 5, within(1e-6));
    assertThat(Fixtures.at(grad, 0, 0, 2)).isPositive();

    NDArray stepped = logits.sub(grad.mul(1.0f));
    float before = NextTokenNll.mean(logits, labels).getFloat();
    float after = NextTokenNll.mean(stepped, labels).getFloat();
    assertThat(after).isGreaterThan(before);
  }
}
