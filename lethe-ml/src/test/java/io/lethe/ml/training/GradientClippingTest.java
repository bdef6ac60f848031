package io.lethe.ml.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Global-norm reporting and torch-style clipping on hand-computed gradients. */
class GradientClippingTest {

  @Test
  void reportsTheGlobalNormAndClipsLikeTorch() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray a = m.create(new float[] {3, 4});
      NDArray b = m.create(new float[] {12});
      assertThat(GradientClipping.clip(List.of(a, b), 0)).isCloseTo(13, within(1e-6));
      assertThat(a.toFloatArray()).containsExactly(3f, 4f);
      assertThat(GradientClipping.clip(List.of(a, b), 100)).isCloseTo(13, within(1e-6));
      assertThat(a.toFloatArray()).containsExactly(3f, 4f);
      assertThat(GradientClipping.clip(List.of(a, b), 6.5)).isCloseTo(13, within(1e-6));
      double c = 6.5 / (13 + 1e-6);
      assertThat((double) a.toFloatArray()[1]).isCloseTo(4 * c, within(1e-6));
      assertThat((double) b.toFloatArray()[0]).isCloseTo(12 * c, within(1e-6));
      assertThat(GradientClipping.globalNorm(List.of(a, b))).isCloseTo(6.5, within(1e-5));
    }
  }
}
