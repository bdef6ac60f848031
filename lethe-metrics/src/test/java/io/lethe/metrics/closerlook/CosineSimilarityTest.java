package io.lethe.metrics.closerlook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.lethe.metrics.MetricIds;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Clipped cosine similarity on hand vectors. */
class CosineSimilarityTest {

  @Test
  void cosineOfHandVectors() {
    // (1,0) vs (1,1): 1/sqrt 2; scale does not matter.
    assertThat(CosineSimilarity.clipped(new float[] {1, 0}, new float[] {3, 3}))
        .isCloseTo(1 / Math.sqrt(2), within(1e-15));
    assertThat(CosineSimilarity.clipped(new float[] {1, 2, 3}, new float[] {2, 4, 6}))
        .isCloseTo(1.0, within(1e-15));
  }

  @Test
  void negativeCosineIsClippedToZeroAndZeroVectorsScoreZero() {
    assertThat(CosineSimilarity.clipped(new float[] {1, 0}, new float[] {-1, 0.5f})).isZero();
    assertThat(CosineSimilarity.clipped(new float[] {0, 0}, new float[] {1, 1})).isZero();
  }

  @Test
  void meanOverItemsAndDimensionChecks() {
    var cs =
        CosineSimilarity.mean(
            List.of(new float[] {1, 0}, new float[] {1, 0}),
            List.of(new float[] {1, 0}, new float[] {-1, 0}));
    assertThat(cs.definitionId()).isEqualTo(MetricIds.CL_COSINE_SIMILARITY);
    assertThat(cs.valueOrThrow()).isEqualTo(0.5);
    assertThatThrownBy(() -> CosineSimilarity.clipped(new float[] {1}, new float[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
