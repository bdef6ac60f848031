package io.lethe.ml.inference;

/**
 * Teacher-forced score of one sequence over its scored (label ≠ −100) positions, everything the
 * metrics need: the summed NLL S and count n of methods.md §0.3, and per-token values aligned with
 * the target ids.
 *
 * @param summedNll S = Σ_t −log p(y_{t+1} | s_{≤t}) over scored positions (get_batch_loss)
 * @param tokenCount n = number of scored positions (answer tokens + the EOS target)
 * @param tokenLogProbs log p of each scored target, in order
 * @param tokenEntropies predictive entropy −Σ_v p_v log p_v (nats) of the distribution that scored
 *     each target
 * @param predictedIds argmax token at each scored position (teacher-forced greedy prediction, for
 *     extraction strength)
 * @param targetIds the scored target ids
 */
public record SequenceScore(
    double summedNll,
    int tokenCount,
    float[] tokenLogProbs,
    float[] tokenEntropies,
    int[] predictedIds,
    int[] targetIds) {

  /** S / n, the length-normalised NLL (0 targets give NaN). */
  public double meanNll() {
    return summedNll / tokenCount;
  }

  /** P(a|q)^{1/|a|} = exp(−S/n), TOFU's "Probability" per item (methods.md §3.4). */
  public double normalisedProbability() {
    return Math.exp(-meanNll());
  }
}
