package io.lethe.ml.training;

/**
 * What one optimizer step did, for the {@code checkpoints} event and the controller's guards.
 *
 * @param step number of optimizer steps completed after this one
 * @param learningRate learning rate the update used
 * @param loss mean of the micro-batch losses (the effective objective, methods.md §0.3)
 * @param microBatchLosses each micro-batch's loss
 * @param gradNorm global L2 norm of the averaged gradient before clipping
 * @param clipped whether clipping scaled the gradient
 * @param seconds wall-clock time of the step
 */
public record StepResult(
    long step,
    double learningRate,
    double loss,
    double[] microBatchLosses,
    double gradNorm,
    boolean clipped,
    double seconds) {

  /** Whether the loss or gradient is NaN or infinite (a controller halt condition). */
  public boolean nonFinite() {
    return !Double.isFinite(loss) || !Double.isFinite(gradNorm);
  }
}
