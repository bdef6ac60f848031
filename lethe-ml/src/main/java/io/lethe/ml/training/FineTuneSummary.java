package io.lethe.ml.training;

/**
 * The outcome of a whole fine-tune: how much was trained, how long it took and where the loss
 * ended, for logs, lineage and the benchmark.
 *
 * @param plan the step arithmetic that was run
 * @param truncatedExamples rows longer than the maximum length (they lose their tail and their EOS
 *     target, as HF truncation does; 0 when the length was chosen right)
 * @param tokens real input tokens processed over the run
 * @param computedTokens positions computed over the run (padding included)
 * @param lastEpochLoss mean step loss over the final epoch
 * @param seconds wall-clock time of the training loop
 */
public record FineTuneSummary(
    FineTunePlan plan,
    int truncatedExamples,
    long tokens,
    long computedTokens,
    double lastEpochLoss,
    double seconds) {}
