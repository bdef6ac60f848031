package io.lethe.schemas.domain;

/**
 * A metric's value, or the reason it could not be computed (never an approximation in its place).
 *
 * @param value the value; null when not computed
 * @param computed whether {@code value} holds a computed number
 * @param reason why it was not computed; null when computed
 */
public record MetricResult(Double value, boolean computed, String reason) {

  /** A computed value. */
  public static MetricResult of(double value) {
    return new MetricResult(value, true, null);
  }

  /** A metric that could not be computed, and why. */
  public static MetricResult notComputed(String reason) {
    return new MetricResult(null, false, reason);
  }
}
