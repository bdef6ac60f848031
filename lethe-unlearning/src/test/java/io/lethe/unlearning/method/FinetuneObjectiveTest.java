package io.lethe.unlearning.method;

import static io.lethe.unlearning.Fixtures.ATTENTION;
import static io.lethe.unlearning.Fixtures.LABELS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import io.lethe.unlearning.BatchTensors;
import io.lethe.unlearning.Fixtures;
import io.lethe.unlearning.NdTestSupport;
import io.lethe.unlearning.ReferenceMath;
import io.lethe.unlearning.ToyBigramLm;
import org.junit.jupiter.api.Test;

class FinetuneObjectiveTest extends NdTestSupport {

  private static final float[][] TABLE = {
    {0.2f, -0.1f, 0.7f}, {1.0f, 0.0f, -0.5f}, {0.3f, 0.9f, 0.1f}
  };

  private static final long[][] IDS = {{1, 2, 0, 2}, {1, 0, 1, 2}};

  @Test
  void isTheTokenMeanNllAndADescentStepLowersIt() {
    ToyBigramLm model = ToyBigramLm.of(manager, TABLE, true);
    BatchTensors batch =
        new BatchTensors(
            Fixtures.ints(manager, IDS),
            Fixtures.ints(manager, ATTENTION),
            Fixtures.ints(manager, LABELS));

    float loss = backward(() -> FinetuneObjective.loss(batch, model));

    double expected = ReferenceMath.mean(ToyBigramLm.hostLogits(TABLE, IDS), LABELS);
    assertThat((double) loss).isCloseTo(expected, within(1e-6));
    assertThat(model.calls()).isEqualTo(FinetuneObjective.TRAINED_FORWARDS);

    NDArray stepped = model.weights().sub(model.weights().getGradient());
    float[] w = stepped.toFloatArray();
    float[][] table = {{w[0], w[1], w[2]}, {w[3], w[4], w[5]}, {w[6], w[7], w[8]}};
    assertThat(FinetuneObjective.loss(batch, ToyBigramLm.of(manager, table, false)).getFloat())
        .isLessThan(loss);
  }
}
