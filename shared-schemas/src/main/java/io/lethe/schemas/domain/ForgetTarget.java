package io.lethe.schemas.domain;

/**
 * Optional goal that completes a job early once reached.
 *
 * @param metricId versioned metric id, e.g. {@code cl.forget_efficacy@1} or {@code
 *     tofu.forget_quality@1}
 * @param threshold value to reach
 * @param higherIsBetter whether reaching means value ≥ threshold (true) or value ≤ threshold
 *     (false)
 */
public record ForgetTarget(String metricId, double threshold, boolean higherIsBetter) {}
