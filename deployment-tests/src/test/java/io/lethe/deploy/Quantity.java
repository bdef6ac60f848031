package io.lethe.deploy;

import java.math.BigDecimal;
import java.util.Map;

/**
 * A Kubernetes resource quantity ({@code 250m}, {@code 2}, {@code 768Mi}, {@code 6Gi}) as a number,
 * so requests and limits can be compared.
 */
final class Quantity {

  private static final Map<String, BigDecimal> SUFFIXES =
      Map.of(
          "m", new BigDecimal("0.001"),
          "k", BigDecimal.valueOf(1_000L),
          "M", BigDecimal.valueOf(1_000_000L),
          "G", BigDecimal.valueOf(1_000_000_000L),
          "Ki", BigDecimal.valueOf(1L << 10),
          "Mi", BigDecimal.valueOf(1L << 20),
          "Gi", BigDecimal.valueOf(1L << 30),
          "Ti", BigDecimal.valueOf(1L << 40));

  private Quantity() {}

  static BigDecimal parse(String quantity) {
    String q = quantity.trim();
    for (String suffix : new String[] {"Ki", "Mi", "Gi", "Ti", "m", "k", "M", "G"}) {
      if (q.endsWith(suffix)) {
        return new BigDecimal(q.substring(0, q.length() - suffix.length()))
            .multiply(SUFFIXES.get(suffix));
      }
    }
    return new BigDecimal(q);
  }
}
