package io.lethe.metrics.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Expected values: scipy 1.17.1 {@code stats.kstwo.sf(x, n)}, or derived by hand where noted. */
class KolmogorovDistributionTest {

  @Test
  void rubenGambinoRegionMatchesTheClosedForm() {
    // n = 3, x = 0.3: t = 0.9, P(D <= x) = 3!/3^3 (2t - 1)^3 = (6/27)·0.512.
    double sf = KolmogorovDistribution.survival(3, 0.3).orElseThrow();
    assertThat(sf).isCloseTo(1 - 6.0 / 27 * 0.512, within(1e-15));
    assertThat(sf).isCloseTo(0.8862222222222222, within(1e-15));
    assertThat(KolmogorovDistribution.survival(4, 1.0 / 7).orElseThrow())
        .isCloseTo(0.9999609537692629, within(1e-15));
  }

  @Test
  void belowHalfOverNTheStatisticIsCertain() {
    assertThat(KolmogorovDistribution.survival(150, 0.5 / 150).orElseThrow()).isEqualTo(1.0);
    assertThat(KolmogorovDistribution.survival(10, 0.0).orElseThrow()).isEqualTo(1.0);
    assertThat(KolmogorovDistribution.survival(10, 1.0).orElseThrow()).isEqualTo(0.0);
  }

  @Test
  void durbinMatrixRegionMatchesScipy() {
    assertThat(KolmogorovDistribution.survival(100, 0.05).orElseThrow())
        .isCloseTo(0.9532159710635725, within(1e-13));
    assertThat(KolmogorovDistribution.survival(50, 0.1).orElseThrow())
        .isCloseTo(0.6623112704658186, within(1e-13));
    assertThat(KolmogorovDistribution.survival(1000, 0.01).orElseThrow())
        .isCloseTo(0.9999496745370611, within(1e-13));
    assertThat(KolmogorovDistribution.survival(50, 2.0 / 99).orElseThrow()).isEqualTo(1.0);
  }

  @Test
  void upperTailNearOneUsesTwiceTheOneSidedTail() {
    // t >= n - 1: P(D >= x) = 2 (1 - x)^n.
    assertThat(KolmogorovDistribution.survival(20, 0.95).orElseThrow())
        .isCloseTo(2 * Math.pow(0.05, 20), within(1e-35));
  }

  @Test
  void stirlingSeriesMatchesTheFactorialRatio() {
    // log(150!/150^150) against a direct sum of logs.
    double direct = 0;
    for (int i = 1; i <= 150; i++) {
      direct += Math.log(i / 150.0);
    }
    assertThat(KolmogorovDistribution.logFactorialOverPower(150)).isCloseTo(direct, within(1e-9));
  }

  @Test
  void branchesNotReproducedAreEmpty() {
    assertThat(KolmogorovDistribution.survival(10, 0.6)).isEmpty(); // smirnov
    assertThat(KolmogorovDistribution.survival(20, 0.3)).isEmpty(); // Pomeranz
    assertThat(KolmogorovDistribution.survival(1000, 0.02)).isEmpty(); // Pelz–Good
  }
}
