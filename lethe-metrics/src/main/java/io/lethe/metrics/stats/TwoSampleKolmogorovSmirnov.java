package io.lethe.metrics.stats;

import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * The two-sided two-sample Kolmogorov–Smirnov test exactly as {@code scipy.stats.ks_2samp(x, y)}
 * with {@code method='auto'} computes it (TOFU's forget quality, methods.md §3.4).
 *
 * <p>scipy's rules, reproduced here:
 *
 * <ul>
 *   <li>D is the largest gap between the right-continuous empirical CDFs, evaluated at every
 *       observation; it is a multiple h/lcm(n1, n2), and h is computed here in integers.
 *   <li>h = 0 gives p = 1.
 *   <li>'auto' is exact when max(n1, n2) ≤ 10000: for n1 = n2 the alternating-series form {@code
 *       _compute_prob_outside_square}, otherwise the Hodges "inside" lattice-path recursion in
 *       Viehmann's 1−p form ({@code _compute_outer_prob_inside_method}).
 *   <li>If the exact value is not in [0, 1] (rounding in the alternating series, e.g. 2P =
 *       1.0000000000000002 for tiny D), scipy falls back to {@code kstwo.sf(D, round(n1·n2/(n1 +
 *       n2)))}; so does this class ({@link KsPValueMethod#ASYMPTOTIC_FALLBACK}).
 * </ul>
 *
 * <p>Not reproduced, reported as not computed instead: samples larger than 10000 (scipy's
 * asymptotic mode) and fallback cases landing in a {@link KolmogorovDistribution} branch not
 * implemented. Inputs containing NaN are not computed either (scipy propagates NaN).
 */
public final class TwoSampleKolmogorovSmirnov {

  /** scipy's {@code MAX_AUTO_N}: 'auto' is exact up to this sample size. */
  public static final int MAX_EXACT_SAMPLE_SIZE = 10000;

  private TwoSampleKolmogorovSmirnov() {}

  /** Tests whether {@code x} and {@code y} come from the same continuous distribution. */
  public static KsTestResult test(double[] x, double[] y) {
    int n1 = x.length;
    int n2 = y.length;
    if (n1 == 0 || n2 == 0) {
      return notComputed(n1, n2, Double.NaN, "a sample is empty");
    }
    if (containsNaN(x) || containsNaN(y)) {
      return notComputed(n1, n2, Double.NaN, "a sample contains NaN");
    }
    int g = gcd(n1, n2);
    long lcm = (long) (n1 / g) * n2;
    long h = statisticNumerator(x, y, lcm);
    double d = h * 1.0 / lcm;
    if (Math.max(n1, n2) > MAX_EXACT_SAMPLE_SIZE) {
      return notComputed(
          n1,
          n2,
          d,
          "sample larger than "
              + MAX_EXACT_SAMPLE_SIZE
              + ": scipy would use its asymptotic p-value, which is not reproduced here");
    }
    if (h == 0) {
      return new KsTestResult(n1, n2, d, 1.0, KsPValueMethod.EXACT, null);
    }
    double exact =
        n1 == n2
            ? probabilityOutsideSquare(n1, (int) h)
            : probabilityOutsideInsideMethod(n1, n2, g, h);
    if (exact >= 0 && exact <= 1) {
      return new KsTestResult(n1, n2, d, exact, KsPValueMethod.EXACT, null);
    }
    // scipy: exact value unusable -> kstwo.sf(d, round(en)) with en = m·n/(m+n), then clip.
    double m = Math.max(n1, n2);
    double n = Math.min(n1, n2);
    double en = m * n / (m + n);
    int effectiveN = (int) Math.rint(en); // np.round: half to even, as Math.rint
    OptionalDouble fallback =
        effectiveN >= 1 ? KolmogorovDistribution.survival(effectiveN, d) : OptionalDouble.empty();
    if (fallback.isEmpty()) {
      return notComputed(
          n1,
          n2,
          d,
          "exact p-value out of [0,1] ("
              + exact
              + ") and scipy's fallback branch is not reproduced");
    }
    double p = Math.min(1.0, Math.max(0.0, fallback.getAsDouble()));
    return new KsTestResult(n1, n2, d, p, KsPValueMethod.ASYMPTOTIC_FALLBACK, null);
  }

  /**
   * h such that D = h / lcm(n1, n2): the ECDF gap in units of 1/lcm, exact in integers (scipy
   * computes it in floating point and rounds, which lands on the same integer).
   */
  static long statisticNumerator(double[] x, double[] y, long lcm) {
    double[] a = x.clone();
    double[] b = y.clone();
    Arrays.sort(a);
    Arrays.sort(b);
    long unitA = lcm / a.length;
    long unitB = lcm / b.length;
    long max = 0;
    int i = 0;
    int j = 0;
    // Visit every observation value in increasing order; both counts are "≤ value"
    // (searchsorted side='right'), so ties between the samples are handled as scipy does.
    while (i < a.length || j < b.length) {
      double value;
      if (j >= b.length || (i < a.length && a[i] <= b[j])) {
        value = a[i];
      } else {
        value = b[j];
      }
      while (i < a.length && a[i] <= value) {
        i++;
      }
      while (j < b.length && b[j] <= value) {
        j++;
      }
      max = Math.max(max, Math.abs(i * unitA - j * unitB));
    }
    return max;
  }

  /**
   * {@code P(D_{n,n} >= h/n)} = 2·Σ_k (−1)^(k−1) C(2n, n−kh)/C(2n, n), evaluated Horner-style on
   * the ratios to avoid cancellation (scipy {@code _compute_prob_outside_square}).
   */
  static double probabilityOutsideSquare(int n, int h) {
    double p = 0.0;
    int k = (int) Math.floor((double) n / h);
    while (k >= 0) {
      double p1 = 1.0;
      for (int j = 0; j < h; j++) {
        p1 = (n - k * h - j) * p1 / (n + k * h + j + 1);
      }
      p = p1 * (1.0 - p);
      k--;
    }
    return 2 * p;
  }

  /**
   * The share of lattice paths from (0,0) to (m,n) that leave the band |x/m − y/n| < h/lcm, by
   * Hodges' inside method rewritten to carry 1−p directly (Viehmann 2021; scipy {@code
   * _compute_outer_prob_inside_method}). One sliding column of the path matrix is kept.
   */
  static double probabilityOutsideInsideMethod(int m0, int n0, int g, long h) {
    int m = Math.max(m0, n0);
    int n = Math.min(m0, n0);
    long mg = m / g;
    long ng = n / g;

    int minj = 0;
    int maxj = (int) Math.min((long) Math.ceil((double) h / mg), n + 1);
    int curlen = maxj - minj;
    int lenA = Math.min(2 * maxj + 2, n + 1);
    double[] a = new double[lenA];
    Arrays.fill(a, 1.0);
    for (int j = minj; j < Math.min(maxj, lenA); j++) {
      a[j] = 0.0;
    }
    for (int i = 1; i <= m; i++) {
      int lastminj = minj;
      int lastlen = curlen;
      minj = (int) Math.max((long) Math.floor((double) (ng * i - h) / mg) + 1, 0);
      minj = Math.min(minj, n);
      maxj = (int) Math.min((long) Math.ceil((double) (ng * i + h) / mg), n + 1);
      if (maxj <= minj) {
        return 1.0;
      }
      double val = minj == 0 ? 0.0 : 1.0;
      for (int jj = 0; jj < maxj - minj; jj++) {
        int j = jj + minj;
        val = (a[jj + minj - lastminj] * i + val * j) / (i + j);
        a[jj] = val;
      }
      curlen = maxj - minj;
      if (lastlen > curlen) {
        // Entries carried over from the previous, longer window are reset to 1.
        int end = Math.min(lenA, maxj - minj + (lastlen - curlen));
        for (int jj = maxj - minj; jj < end; jj++) {
          a[jj] = 1.0;
        }
      }
    }
    return a[maxj - minj - 1];
  }

  private static KsTestResult notComputed(int n1, int n2, double d, String reason) {
    return new KsTestResult(n1, n2, d, Double.NaN, null, reason);
  }

  private static boolean containsNaN(double[] values) {
    for (double v : values) {
      if (Double.isNaN(v)) {
        return true;
      }
    }
    return false;
  }

  private static int gcd(int a, int b) {
    while (b != 0) {
      int t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
}
