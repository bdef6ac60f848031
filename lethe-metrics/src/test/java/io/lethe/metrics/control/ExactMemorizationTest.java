package io.lethe.metrics.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.metrics.MetricIds;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exact memorization on hand-made prediction / label arrays. */
class ExactMemorizationTest {

  @Test
  void isTheShareOfPositionsPredictedCorrectly() {
    assertThat(ExactMemorization.perItem(new int[] {5, 0, 7, 0}, new int[] {5, 6, 7, 8}))
        .isEqualTo(0.5);
    assertThat(ExactMemorization.perItem(new int[] {1, 2, 3}, new int[] {1, 2, 3})).isEqualTo(1.0);
  }

  @Test
  void meanOverAnswers() {
    var em =
        ExactMemorization.mean(
            List.of(new int[] {1, 0}, new int[] {1, 2, 3, 0}),
            List.of(new int[] {1, 2}, new int[] {1, 2, 3, 4}));
    assertThat(em.definitionId()).isEqualTo(MetricIds.UWC_EXACT_MEMORIZATION);
    assertThat(em.valueOrThrow()).isEqualTo((0.5 + 0.75) / 2);
  }
}
