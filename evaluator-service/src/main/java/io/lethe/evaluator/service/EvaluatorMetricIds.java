package io.lethe.evaluator.service;

/**
 * Metric ids the evaluator publishes beyond {@link io.lethe.metrics.MetricIds}, with the same
 * {@code family.name@version} convention (style guide rule 12).
 */
public final class EvaluatorMetricIds {

  /**
   * Mean over items of the generator's mean next-token entropy (nats) over the gold answer
   * positions: the uncertainty methods.md §7.4 expects to rise on the forget set under ME+GD.
   */
  public static final String PREDICTIVE_ENTROPY = "lethe.predictive_entropy@1";

  /**
   * Suffix of the per-sample key holding the retain model's per-item forget truth ratios, the
   * reference sample of forget quality ({@code tofu.truth_ratio@1/forget/retain_model}).
   */
  public static final String RETAIN_MODEL_SUFFIX = "/retain_model";

  private EvaluatorMetricIds() {}
}
