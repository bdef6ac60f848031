package io.lethe.schemas.domain;

/**
 * A floor a metric must stay above: value ≥ (1 − maxRelativeDrop) × baseline (the step-0 value).
 *
 * @param metricId versioned metric id, e.g. {@code tofu.model_utility@1}
 * @param maxRelativeDrop largest allowed relative drop, e.g. 0.1 for "≥ 0.9 × baseline" (UwC retain
 *     bar)
 */
public record UtilityFloor(String metricId, double maxRelativeDrop) {}
