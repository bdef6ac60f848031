package io.lethe.metrics.tofu;

/**
 * Teacher-forced negative log-likelihood of one answer: the summed NLL {@code S} over its label
 * tokens and their count {@code n} (answer tokens plus the EOS target, methods.md §0.2–0.3). Every
 * TOFU likelihood metric is a function of the per-token average {@code S/n}.
 *
 * @param summedNll S, the sum of −log p over the answer's label tokens
 * @param tokenCount n, the number of label tokens (≥ 1)
 */
public record AnswerNll(double summedNll, int tokenCount) {

  /** Rejects answers without label tokens, whose average NLL is undefined. */
  public AnswerNll {
    if (tokenCount < 1) {
      throw new IllegalArgumentException("an answer needs at least one label token: " + tokenCount);
    }
  }

  /** {@code S/n}: what TOFU logs as {@code avg_gt_loss} and its siblings. */
  public double averageNll() {
    return summedNll / tokenCount;
  }

  /** {@code exp(−S/n)} = P(a|q)^(1/|a|), the length-normalised answer probability. */
  public double normalisedProbability() {
    return Math.exp(-averageNll());
  }
}
