package io.lethe.metrics;

import java.util.Objects;

/**
 * One metric outcome: either a computed number or "not computed" with the reason — a metric that
 * cannot be computed is reported as such and never replaced by an approximation.
 *
 * @param definitionId the metric's {@code id@version}, e.g. {@link MetricIds#TOFU_MODEL_UTILITY}
 * @param value the computed value; null when not computed
 * @param notComputedReason why it was not computed; null when computed
 */
public record MetricValue(String definitionId, Double value, String notComputedReason) {

  /** Validates that exactly one of value and reason is present and that a value is a number. */
  public MetricValue {
    Objects.requireNonNull(definitionId, "definitionId");
    if (definitionId.isBlank()) {
      throw new IllegalArgumentException("definitionId must not be blank");
    }
    if ((value == null) == (notComputedReason == null)) {
      throw new IllegalArgumentException("exactly one of value and notComputedReason must be set");
    }
    if (value != null && value.isNaN()) {
      throw new IllegalArgumentException(definitionId + ": a computed value must not be NaN");
    }
  }

  /**
   * A computed value; a NaN result (which only arises from non-finite per-item inputs) becomes "not
   * computed" rather than a number nobody can compare.
   */
  public static MetricValue of(String definitionId, double value) {
    if (Double.isNaN(value)) {
      return notComputed(definitionId, "result is NaN (non-finite per-item inputs)");
    }
    return new MetricValue(definitionId, value, null);
  }

  /** A metric that could not be computed, and why. */
  public static MetricValue notComputed(String definitionId, String reason) {
    return new MetricValue(definitionId, null, Objects.requireNonNull(reason, "reason"));
  }

  /** Whether {@link #value()} holds a number. */
  public boolean computed() {
    return value != null;
  }

  /** The value, or an exception naming the reason it is missing. */
  public double valueOrThrow() {
    if (value == null) {
      throw new IllegalStateException(definitionId + " not computed: " + notComputedReason);
    }
    return value;
  }

  @Override
  public String toString() {
    return computed()
        ? definitionId + "=" + value
        : definitionId + " not computed (" + notComputedReason + ")";
  }
}
