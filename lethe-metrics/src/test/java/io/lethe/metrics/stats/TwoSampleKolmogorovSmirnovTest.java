package io.lethe.metrics.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Vectors from scipy's own test-suite ({@code test_stats.py::TestKSTwoSamples}, two-sided), with
 * expected values recomputed at full precision by scipy 1.17.1 {@code ks_2samp(x, y)} (the suite
 * itself only checks 6 decimals), plus the hand-countable small cases.
 */
class TwoSampleKolmogorovSmirnovTest {

  private static final double REL = 1e-12;

  @Test
  void singlePointsAreAlwaysCompatible() {
    // [0] vs [1]: D = 1; the only two lattice paths both reach |x - y| = 1, so p = 1.
    KsTestResult r = TwoSampleKolmogorovSmirnov.test(new double[] {0}, new double[] {1});
    assertThat(r.statistic()).isEqualTo(1.0);
    assertThat(r.pValue()).isEqualTo(1.0);
    assertThat(r.method()).isEqualTo(KsPValueMethod.EXACT);
  }

  @Test
  void twoVersusThreeAndFourCountLatticePaths() {
    double[] shiftedUp = {1.01, 2.01};
    double[] shiftedDown = {0.99, 1.99};
    double[] three = {1.0, 2.0, 3.0};
    double[] four = {1.0, 2.0, 3.0, 4.0};
    // 2 vs 3: C(5,2) = 10 orderings; D = 2/3 is reached by 6 of them.
    assertResult(TwoSampleKolmogorovSmirnov.test(shiftedUp, three), 1.0 / 3, 1.0);
    assertResult(TwoSampleKolmogorovSmirnov.test(shiftedDown, three), 2.0 / 3, 0.6);
    // 2 vs 4: C(6,2) = 15 orderings; D >= 1/2 in 14, D >= 3/4 in 6.
    assertResult(TwoSampleKolmogorovSmirnov.test(shiftedUp, four), 0.5, 14.0 / 15);
    assertResult(TwoSampleKolmogorovSmirnov.test(shiftedDown, four), 0.75, 6.0 / 15);
  }

  @Test
  void equalSizesUseTheAlternatingSeries() {
    double[] x100 = linspace(1, 100, 100);
    assertResult(TwoSampleKolmogorovSmirnov.test(x100, add(x100, 2.1)), 0.03, 0.9999999999962054);
    assertResult(TwoSampleKolmogorovSmirnov.test(x100, add(x100, 1.9)), 0.02, 0.9999999999999999);
    double[] d3 = {1, 2, 3};
    assertResult(TwoSampleKolmogorovSmirnov.test(d3, add(d3, 1)), 1.0 / 3, 1.0);
    assertResult(TwoSampleKolmogorovSmirnov.test(d3, add(d3, 0.5)), 1.0 / 3, 1.0);
  }

  @Test
  void unequalSizesUseTheInsideMethod() {
    double[] x100 = linspace(1, 100, 100);
    double[] x110 = linspace(1, 100, 110);
    assertResult(
        TwoSampleKolmogorovSmirnov.test(x100, add(x110, 20.1)), 232.0 / 1100, 0.015739183865606153);
    assertResult(
        TwoSampleKolmogorovSmirnov.test(x100, add(x110, 19.9)), 229.0 / 1100, 0.01780380386102561);
  }

  @Test
  void tiesBetweenSamplesAreCountedOnBothSides() {
    double[] x2233 = repeat(new int[] {2, 3, 5, 6}, new int[] {3, 4, 5, 4});
    double[] x3344 = add(x2233, 1);
    double[] x2356 = repeat(new int[] {2, 3, 5, 6}, new int[] {3, 4, 10, 4});
    double[] x3467 = repeat(new int[] {3, 4, 6, 7}, new int[] {10, 2, 10, 4});
    assertResult(TwoSampleKolmogorovSmirnov.test(x2233, x3344), 5.0 / 16, 0.42629346134549484);
    assertResult(
        TwoSampleKolmogorovSmirnov.test(x2356, x3467), 190.0 / 21 / 26, 0.09192457901681189);
  }

  @Test
  void largestExactSampleStaysExact() {
    // scipy testLarge: 10000 vs 110 (the largest size 'auto' still treats exactly).
    int n1 = 10000;
    int n2 = 110;
    double delta = 1.0 / n1 / n2 / 2 / 2;
    double[] x = add(linspace(1, 200, n1), -delta);
    double[] y = linspace(2, 100, n2);
    KsTestResult r = TwoSampleKolmogorovSmirnov.test(x, y);
    assertResult(r, 55275.0 / (n1 * 11.0), 6.263465662260858e-26);
    assertThat(r.method()).isEqualTo(KsPValueMethod.EXACT);
  }

  @Test
  void identicalSamplesGiveOne() {
    double[] x = {0.3, 0.1, 0.2, 0.2};
    KsTestResult r = TwoSampleKolmogorovSmirnov.test(x, x.clone());
    assertThat(r.statistic()).isZero();
    assertThat(r.pValue()).isEqualTo(1.0);
  }

  @Test
  void fallsBackLikeScipyWhenTheExactSeriesRoundsAboveOne() {
    // 7 vs 7 with D = 1/7: the series gives 1.0000000000000002, scipy warns and returns
    // kstwo.sf(1/7, round(3.5) = 4) = 1 - 4!/4^4 (2·4/7 - 1)^4 (Ruben–Gambino).
    double[] x = linspace(1, 7, 7);
    KsTestResult r = TwoSampleKolmogorovSmirnov.test(x, add(x, 0.5));
    assertThat(TwoSampleKolmogorovSmirnov.probabilityOutsideSquare(7, 1)).isGreaterThan(1.0);
    assertThat(r.method()).isEqualTo(KsPValueMethod.ASYMPTOTIC_FALLBACK);
    assertResult(r, 1.0 / 7, 0.9999609537692629);
    double t = 4.0 / 7;
    double cdf = 24.0 / 256 * Math.pow(2 * t - 1, 4);
    assertThat(r.pValue()).isCloseTo(1 - cdf, within(1e-15));
  }

  @Test
  void fallbackOnLargerEqualSamplesUsesTheDurbinMatrix() {
    // 300 vs 300 with D = 1/300 falls back too; scipy returns 1.0.
    double[] x = linspace(1, 300, 300);
    KsTestResult r = TwoSampleKolmogorovSmirnov.test(x, add(x, 0.5));
    assertThat(r.method()).isEqualTo(KsPValueMethod.ASYMPTOTIC_FALLBACK);
    assertResult(r, 1.0 / 300, 1.0);
  }

  @Test
  void matchesScipyExactKernelsOnTwoHundredRandomCases() throws IOException {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                Objects.requireNonNull(
                    getClass().getResourceAsStream("/ks_exact_scipy_1_17_1.csv")),
                StandardCharsets.UTF_8))) {
      int rows = 0;
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith("#") || line.startsWith("m,")) {
          continue;
        }
        String[] f = line.split(",");
        int m = Integer.parseInt(f[0]);
        int n = Integer.parseInt(f[1]);
        int g = Integer.parseInt(f[2]);
        int h = Integer.parseInt(f[3]);
        double expected = Double.parseDouble(f[4]);
        double actual =
            m == n
                ? TwoSampleKolmogorovSmirnov.probabilityOutsideSquare(n, h)
                : TwoSampleKolmogorovSmirnov.probabilityOutsideInsideMethod(m, n, g, h);
        assertThat(actual).as(line).isCloseTo(expected, within(Math.abs(expected) * REL + 1e-300));
        rows++;
      }
      assertThat(rows).isEqualTo(200);
    }
  }

  @Test
  void reportsWhatItCannotComputeInsteadOfApproximating() {
    assertThat(TwoSampleKolmogorovSmirnov.test(new double[0], new double[] {1}).computed())
        .isFalse();
    KsTestResult nan = TwoSampleKolmogorovSmirnov.test(new double[] {Double.NaN}, new double[] {1});
    assertThat(nan.computed()).isFalse();
    assertThat(nan.notComputedReason()).contains("NaN");
    KsTestResult large = TwoSampleKolmogorovSmirnov.test(linspace(0, 1, 10001), linspace(0, 1, 10));
    assertThat(large.computed()).isFalse();
    assertThat(large.notComputedReason()).contains("10000");
    assertThat(Double.isNaN(large.pValue())).isTrue();
  }

  @Test
  void infiniteTruthRatiosAreOrdinaryLargeValues() {
    double inf = Double.POSITIVE_INFINITY;
    KsTestResult r =
        TwoSampleKolmogorovSmirnov.test(new double[] {inf, inf}, new double[] {1, 2, 3});
    // Both infinities lie above every y: D = 1, the extreme ordering, p = 2/C(5,2) = 0.2.
    assertResult(r, 1.0, 0.2);
  }

  private static void assertResult(KsTestResult r, double statistic, double pValue) {
    assertThat(r.computed()).isTrue();
    assertThat(r.statistic()).isCloseTo(statistic, within(1e-15));
    assertThat(r.pValue()).isCloseTo(pValue, within(Math.abs(pValue) * REL));
  }

  /** numpy.linspace(start, stop, num) with its exact arithmetic (start + i·step, last = stop). */
  static double[] linspace(double start, double stop, int num) {
    double[] out = new double[num];
    double step = (stop - start) / (num - 1);
    for (int i = 0; i < num; i++) {
      out[i] = start + i * step;
    }
    out[num - 1] = stop;
    return out;
  }

  private static double[] add(double[] x, double c) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i] + c;
    }
    return out;
  }

  private static double[] repeat(int[] values, int[] counts) {
    int total = 0;
    for (int c : counts) {
      total += c;
    }
    double[] out = new double[total];
    int k = 0;
    for (int i = 0; i < values.length; i++) {
      for (int j = 0; j < counts[i]; j++) {
        out[k++] = values[i];
      }
    }
    return out;
  }
}
