package io.lethe.metrics.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Arithmetic and harmonic means with SciPy's zero convention. */
class MeansTest {

  @Test
  void harmonicMeanOfHandValues() {
    // 3 / (1 + 1/2 + 1/4) = 12/7.
    assertThat(Means.harmonic(1, 2, 4)).isCloseTo(12.0 / 7, within(1e-15));
  }

  @Test
  void harmonicMeanIsZeroWhenAnyValueIsZero() {
    assertThat(Means.harmonic(0.9, 0.0, 0.5)).isZero();
  }

  @Test
  void harmonicMeanRejectsNegativeValuesAndNoValues() {
    assertThatThrownBy(() -> Means.harmonic(0.5, -0.1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(Means::harmonic).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void arithmeticMean() {
    assertThat(Means.arithmetic(1, 2, 6)).isEqualTo(3.0);
  }
}
