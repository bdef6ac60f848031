package io.lethe.ml.training;

/**
 * The step arithmetic of a fine-tune, as HF's Trainer does it for a data loader that keeps its last
 * partial batch: ⌈N / effective batch⌉ optimizer steps per epoch, {@code epochs} times that in
 * total, and a warm-up of {@code warmupEpochs} epochs rounded to whole steps (methods.md §3.1:
 * warm-up 1 epoch, then linear decay to 0 at the last step).
 *
 * @param examples training rows N
 * @param epochs passes over the rows
 * @param stepsPerEpoch optimizer steps per pass
 * @param totalSteps optimizer steps of the whole run
 * @param warmupSteps steps of linear warm-up
 */
public record FineTunePlan(
    int examples, int epochs, int stepsPerEpoch, long totalSteps, long warmupSteps) {

  /** The plan for {@code examples} rows under {@code defaults}. */
  public static FineTunePlan of(int examples, FinetuneDefaults defaults) {
    if (examples < 1) {
      throw new IllegalArgumentException("a fine-tune needs at least one example");
    }
    if (defaults.epochs() < 1 || defaults.effectiveBatch() < 1 || defaults.microBatch() < 1) {
      throw new IllegalArgumentException(
          "epochs, effective batch and micro-batch must be ≥ 1: " + defaults);
    }
    int stepsPerEpoch = (examples + defaults.effectiveBatch() - 1) / defaults.effectiveBatch();
    long total = (long) stepsPerEpoch * defaults.epochs();
    long warmup = Math.min(total, Math.round(defaults.warmupEpochs() * stepsPerEpoch));
    return new FineTunePlan(examples, defaults.epochs(), stepsPerEpoch, total, warmup);
  }

  /** Linear warm-up to {@code peakLearningRate}, then linear decay to 0 at the last step. */
  public LinearWarmupDecaySchedule schedule(double peakLearningRate) {
    return new LinearWarmupDecaySchedule(peakLearningRate, warmupSteps, totalSteps);
  }
}
