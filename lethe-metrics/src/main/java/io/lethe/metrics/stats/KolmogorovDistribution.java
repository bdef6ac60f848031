package io.lethe.metrics.stats;

import java.util.OptionalDouble;

/**
 * Survival function {@code P(D_n >= x)} of the one-sample two-sided Kolmogorov statistic as scipy's
 * {@code kstwo.sf} ({@code scipy/stats/_ksstats.py::_kolmogn}, Simard & L'Ecuyer 2011), for the
 * branches that scipy's {@code ks_2samp} fallback reaches with samples of at most 10000 items:
 * {@code nx <= 1} (Ruben–Gambino), {@code nx >= n-1}, and the Durbin matrix (Marsaglia–Tsang–Wang)
 * region. The remaining branches (Pomeranz recursion, Pelz–Good series, Smirnov one-sided sums) are
 * not implemented: there the result is empty and callers report "not computed" instead of an
 * approximation.
 */
public final class KolmogorovDistribution {

  private static final int SCALE_EXPONENT = 128;
  private static final double SCALE_UP = Math.scalb(1.0, SCALE_EXPONENT);
  private static final double SCALE_DOWN = Math.scalb(1.0, -SCALE_EXPONENT);
  private static final double LOG_2PI = Math.log(2 * Math.PI);

  /** Stirling-series coefficients B_2j/(2j)/(2j-1), j = 8..1 (scipy {@code _STIRLING_COEFFS}). */
  private static final double[] STIRLING_COEFFS = {
    -2.955065359477124183e-2,
    6.4102564102564102564e-3,
    -1.9175269175269175269e-3,
    8.4175084175084175084e-4,
    -5.952380952380952381e-4,
    7.9365079365079365079e-4,
    -2.7777777777777777778e-3,
    8.3333333333333333333e-2
  };

  private KolmogorovDistribution() {}

  /**
   * {@code P(D_n >= x)}, or empty where scipy would use a branch not implemented here.
   *
   * @param n sample size, positive
   * @param x the statistic
   */
  public static OptionalDouble survival(int n, double x) {
    if (n <= 0) {
      throw new IllegalArgumentException("n must be positive: " + n);
    }
    if (x >= 1.0) {
      return OptionalDouble.of(0.0);
    }
    if (x <= 0.0) {
      return OptionalDouble.of(1.0);
    }
    double t = n * x;
    if (t <= 1.0) {
      // Ruben–Gambino: 1/2n <= x <= 1/n gives P(D_n <= x) = n!/n^n (2t-1)^n.
      if (t <= 0.5) {
        return OptionalDouble.of(1.0);
      }
      double cdf;
      if (n <= 140) {
        cdf = 1.0;
        for (int i = 1; i <= n; i++) {
          cdf *= i * (1.0 / n) * (2 * t - 1);
        }
      } else {
        cdf = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
      }
      return OptionalDouble.of(clip(1.0 - cdf));
    }
    if (t >= n - 1) {
      return OptionalDouble.of(clip(2 * Math.pow(1.0 - x, n)));
    }
    if (x >= 0.5) {
      return OptionalDouble.empty(); // 2·smirnov(n, x)
    }
    double nxSquared = t * x;
    if (n <= 140) {
      if (nxSquared <= 0.754693) {
        return OptionalDouble.of(clip(1.0 - durbinMatrixCdf(n, x)));
      }
      return OptionalDouble.empty(); // Pomeranz, or 2·smirnov
    }
    if (nxSquared >= 370.0) {
      return OptionalDouble.of(0.0);
    }
    if (nxSquared >= 2.2) {
      return OptionalDouble.empty(); // 2·smirnov(n, x)
    }
    if (n <= 100000 && n * Math.pow(x, 1.5) <= 1.4) {
      return OptionalDouble.of(clip(1.0 - durbinMatrixCdf(n, x)));
    }
    return OptionalDouble.empty(); // Pelz–Good
  }

  /** log(n!/n^n) by Stirling's series with n·log(n) removed up front (no cancellation). */
  static double logFactorialOverPower(int n) {
    double rn = 1.0 / n;
    double x = rn / n;
    double poly = 0.0;
    for (double c : STIRLING_COEFFS) {
      poly = poly * x + c; // Horner, as np.polyval
    }
    return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * poly;
  }

  /**
   * {@code P(D_n <= d)} by Durbin's matrix method in the Marsaglia–Tsang–Wang form ({@code
   * _kolmogn_DMTW}): the (k,k) entry of H^n scaled by n!/n^n, with d = (k - h)/n. Powers of two
   * keep the huge intermediate entries in range; the exponent is carried separately.
   */
  static double durbinMatrixCdf(int n, double d) {
    if (d >= 1.0) {
      return 1.0;
    }
    double nd = n * d;
    if (nd <= 0.5) {
      return 0.0;
    }
    int k = (int) Math.ceil(nd);
    double h = k - nd;
    int m = 2 * k - 1;

    double[] v = new double[m];
    double[] w = new double[m];
    double fac = 1.0;
    for (int j = 1; j <= m; j++) {
      v[j - 1] = 1.0 - Math.pow(h, j);
      w[j - 1] = fac;
      fac /= j;
      v[j - 1] *= fac;
    }
    double tt = Math.pow(Math.max(2 * h - 1.0, 0), m) - 2 * Math.pow(h, m);
    v[m - 1] = (1.0 + tt) * fac;

    double[][] hMatrix = new double[m][m];
    for (int i = 1; i < m; i++) {
      for (int r = i - 1; r < m; r++) {
        hMatrix[r][i] = w[r - (i - 1)];
      }
    }
    for (int r = 0; r < m; r++) {
      hMatrix[r][0] = v[r];
    }
    for (int c = 0; c < m; c++) {
      hMatrix[m - 1][c] = v[m - 1 - c];
    }

    double[][] power = identity(m);
    int remaining = n;
    int powerExponent = 0;
    int matrixExponent = 0;
    while (remaining > 0) {
      if (remaining % 2 == 1) {
        power = multiply(power, hMatrix);
        powerExponent += matrixExponent;
      }
      hMatrix = multiply(hMatrix, hMatrix);
      matrixExponent *= 2;
      if (Math.abs(hMatrix[k - 1][k - 1]) > SCALE_UP) {
        scale(hMatrix, SCALE_DOWN);
        matrixExponent += SCALE_EXPONENT;
      }
      remaining /= 2;
    }

    double p = power[k - 1][k - 1];
    for (int i = 1; i <= n; i++) {
      p = i * p / n;
      if (Math.abs(p) < SCALE_DOWN) {
        p *= SCALE_UP;
        powerExponent -= SCALE_EXPONENT;
      }
    }
    if (powerExponent != 0) {
      p = Math.scalb(p, powerExponent);
    }
    return clip(p);
  }

  private static double[][] identity(int m) {
    double[][] id = new double[m][m];
    for (int i = 0; i < m; i++) {
      id[i][i] = 1.0;
    }
    return id;
  }

  private static double[][] multiply(double[][] a, double[][] b) {
    int m = a.length;
    double[][] c = new double[m][m];
    for (int i = 0; i < m; i++) {
      for (int l = 0; l < m; l++) {
        double ail = a[i][l];
        for (int j = 0; j < m; j++) {
          c[i][j] += ail * b[l][j];
        }
      }
    }
    return c;
  }

  private static void scale(double[][] a, double factor) {
    for (double[] row : a) {
      for (int j = 0; j < row.length; j++) {
        row[j] *= factor;
      }
    }
  }

  private static double clip(double p) {
    return Math.min(1.0, Math.max(0.0, p));
  }
}
