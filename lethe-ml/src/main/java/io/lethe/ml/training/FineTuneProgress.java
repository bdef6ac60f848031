package io.lethe.ml.training;

/**
 * What one optimizer step of a fine-tune did, reported to a {@link FineTuneListener} so a service
 * can log, publish or plot the run while it trains.
 *
 * @param epoch 1-based pass the step belongs to
 * @param step 1-based optimizer step
 * @param totalSteps steps of the whole run
 * @param loss mean of the micro-batch mean NLLs (methods.md §0.3)
 * @param learningRate learning rate the update used
 * @param gradNorm global gradient norm before any clipping
 * @param sequences rows in the step (the effective batch, or the remainder at an epoch's end)
 * @param tokens real (non-padding) input tokens of the step
 * @param computedTokens positions the forward passes computed (rows × trimmed length, padding
 *     included): the token count that FLOPs scale with
 * @param seconds wall-clock time of the step
 */
public record FineTuneProgress(
    int epoch,
    long step,
    long totalSteps,
    double loss,
    double learningRate,
    double gradNorm,
    int sequences,
    long tokens,
    long computedTokens,
    double seconds) {}
