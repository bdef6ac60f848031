package io.lethe.ml.training;

/**
 * HF {@code get_linear_schedule_with_warmup}: the learning rate rises linearly from 0 to the peak
 * over {@code warmupSteps}, then falls linearly to 0 at {@code totalSteps} (methods.md §1.4).
 *
 * <p>Step k (0-based count of optimizer steps already taken) uses {@code peak · k / W} for k &lt; W
 * and {@code peak · max(0, (N − k) / (N − W))} after, exactly as HF's scheduler (which is stepped
 * after the optimizer): with a warm-up the very first update therefore has learning rate 0.
 */
public record LinearWarmupDecaySchedule(
    double peakLearningRate, long warmupSteps, long totalSteps) {

  public LinearWarmupDecaySchedule {
    if (peakLearningRate < 0 || warmupSteps < 0 || totalSteps < 0) {
      throw new IllegalArgumentException("learning rate and step counts must be ≥ 0");
    }
  }

  /** A constant learning rate (no warm-up, no decay). */
  public static LinearWarmupDecaySchedule constant(double learningRate) {
    return new LinearWarmupDecaySchedule(learningRate, 0, Long.MAX_VALUE);
  }

  /** Learning rate of the update that follows {@code completedSteps} updates. */
  public double learningRate(long completedSteps) {
    if (completedSteps < warmupSteps) {
      return peakLearningRate * completedSteps / Math.max(1, warmupSteps);
    }
    if (totalSteps == Long.MAX_VALUE) {
      return peakLearningRate;
    }
    double remaining =
        (double) (totalSteps - completedSteps) / Math.max(1, totalSteps - warmupSteps);
    return peakLearningRate * Math.max(0.0, remaining);
  }
}
