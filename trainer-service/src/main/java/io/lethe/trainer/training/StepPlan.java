package io.lethe.trainer.training;

import io.lethe.ml.training.LinearWarmupDecaySchedule;

/**
 * How many optimizer steps a job has and how long it warms up, as the reference code derives them
 * (methods.md §1.4, sail-sg {@code forget.py}):
 *
 * <pre>
 * steps_per_epoch = ⌊N / B⌋
 * max_steps       = ⌊epochs · N / B⌋                                   (at least 1)
 * warmup_steps    = round(warmup_epochs · steps_per_epoch)  if steps_per_epoch &gt; 1, else 0
 * </pre>
 *
 * with N the rows one epoch passes over (forget rows for UNLEARN, training rows for FINETUNE) and B
 * the effective batch. forget01/05/10 of TOFU (N = 40/200/400, B = 32, 5 epochs) give 6/31/62 steps
 * with 0/6/12 warm-up steps. Explicit {@code maxSteps}/{@code warmupSteps} of a job win.
 *
 * @param rows N
 * @param effectiveBatch B
 * @param stepsPerEpoch ⌊N / B⌋
 * @param plannedSteps the schedule's total number of optimizer steps
 * @param warmupSteps steps of linear warm-up
 */
public record StepPlan(
    int rows, int effectiveBatch, int stepsPerEpoch, int plannedSteps, int warmupSteps) {

  /** The plan of {@code rows} rows trained with {@code hyperparameters}. */
  public static StepPlan of(int rows, ResolvedHyperparameters hyperparameters) {
    if (rows < 1) {
      throw new IllegalArgumentException("a step plan needs at least one row");
    }
    int batch = hyperparameters.effectiveBatch();
    int perEpoch = rows / batch;
    int planned =
        hyperparameters.maxSteps() != null
            ? hyperparameters.maxSteps()
            : (int) Math.max(1, (long) hyperparameters.epochs() * rows / batch);
    int warmup =
        hyperparameters.warmupSteps() != null
            ? hyperparameters.warmupSteps()
            : perEpoch > 1 ? (int) Math.round(hyperparameters.warmupEpochs() * perEpoch) : 0;
    return new StepPlan(rows, batch, perEpoch, planned, warmup);
  }

  /**
   * HF's linear schedule over this plan: warm-up to {@code peakLearningRate}, then linear decay to
   * 0 at {@link #plannedSteps}.
   */
  public LinearWarmupDecaySchedule schedule(double peakLearningRate) {
    return new LinearWarmupDecaySchedule(peakLearningRate, warmupSteps, plannedSteps);
  }
}
