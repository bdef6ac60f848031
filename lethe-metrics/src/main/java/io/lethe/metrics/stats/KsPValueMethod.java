package io.lethe.metrics.stats;

/** How the p-value of a two-sample KS test was obtained, mirroring scipy's {@code ks_2samp}. */
public enum KsPValueMethod {
  /** The exact lattice-path probability (scipy {@code method='exact'}). */
  EXACT,
  /**
   * scipy's fallback when the exact value came out outside [0, 1] through rounding: the one-sample
   * Kolmogorov distribution {@code kstwo.sf(D, round(n1·n2/(n1+n2)))}.
   */
  ASYMPTOTIC_FALLBACK
}
