package io.lethe.metrics.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.metrics.MetricIds;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Teacher-forced extraction strength on hand-made prediction / label arrays. */
class ExtractionStrengthTest {

  @Test
  void fullyReproducedAnswerHasStrengthOne() {
    assertThat(ExtractionStrength.perItem(new int[] {5, 6, 7, 8}, new int[] {5, 6, 7, 8}))
        .isEqualTo(1.0);
  }

  @Test
  void strengthIsOneMinusTheShortestPrefixAfterWhichTheRestMatches() {
    // Mismatch at position 1 only: pred[2:] == label[2:], k* = 2 -> 1 - 2/4.
    assertThat(ExtractionStrength.perItem(new int[] {5, 0, 7, 8}, new int[] {5, 6, 7, 8}))
        .isEqualTo(0.5);
    // Mismatch at position 0 only: k* = 1 -> 3/4.
    assertThat(ExtractionStrength.perItem(new int[] {0, 6, 7, 8}, new int[] {5, 6, 7, 8}))
        .isEqualTo(0.75);
    // Matches before a later mismatch do not help: k* = 3 -> 1/4.
    assertThat(ExtractionStrength.perItem(new int[] {5, 6, 0, 8}, new int[] {5, 6, 7, 8}))
        .isEqualTo(0.25);
  }

  @Test
  void lastTokenWrongMeansNothingIsExtracted() {
    assertThat(ExtractionStrength.perItem(new int[] {5, 6, 7, 0}, new int[] {5, 6, 7, 8})).isZero();
  }

  @Test
  void meanOverAnswersAndInputChecks() {
    var es =
        ExtractionStrength.mean(
            List.of(new int[] {1, 2}, new int[] {0, 2}),
            List.of(new int[] {1, 2}, new int[] {1, 2}));
    assertThat(es.definitionId()).isEqualTo(MetricIds.UWC_EXTRACTION_STRENGTH);
    assertThat(es.valueOrThrow()).isEqualTo(0.75);
    assertThat(ExtractionStrength.mean(List.of(), List.of()).computed()).isFalse();
    assertThatThrownBy(() -> ExtractionStrength.perItem(new int[0], new int[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ExtractionStrength.perItem(new int[] {1}, new int[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
