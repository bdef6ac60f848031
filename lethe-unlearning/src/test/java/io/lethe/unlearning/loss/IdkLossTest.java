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

class IdkLossTest extends NdTestSupport {

  @Test
  void isTheTokenMeanNllOfTheRefusal() {
    float loss =
        IdkLoss.of(Fixtures.logits(manager, LOGITS), Fixtures.ints(manager, LABELS)).getFloat();

    assertThat((double) loss).isCloseTo(ReferenceMath.mean(LOGITS, LABELS), within(1e-6));
  }

  @Test
  void aDescentStepMakesTheRefusalMoreLikely() {
    NDArray logits = trainable(LOGITS);
    NDArray labels = Fixtures.ints(manager, LABELS);

    float before = backward(() -> IdkLoss.of(logits, labels));

    NDArray stepped = logits.sub(logits.getGradient());
    assertThat(IdkLoss.of(stepped, labels).getFloat()).isLessThan(before);
  }
}
