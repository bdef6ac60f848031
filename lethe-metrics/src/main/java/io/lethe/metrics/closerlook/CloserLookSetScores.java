package io.lethe.metrics.closerlook;

import io.lethe.metrics.MetricValue;
import java.util.List;
import java.util.Objects;

/**
 * The six closer-look numbers of one evaluation set (methods.md §1.7): ROUGE, Probability, Truth
 * Ratio (TOFU's {@code true_better} form on non-forget sets, {@link ForgetTruthRatio} on the forget
 * set), Token Entropy, Cosine Similarity and Entailment Score.
 *
 * @param rougeLRecall mean ROUGE-L recall
 * @param probability mean (or options-normalised) answer probability
 * @param truthRatio the set's truth-ratio aggregate
 * @param tokenEntropy mean token entropy
 * @param cosineSimilarity mean clipped cosine similarity
 * @param entailment entailment score
 */
public record CloserLookSetScores(
    MetricValue rougeLRecall,
    MetricValue probability,
    MetricValue truthRatio,
    MetricValue tokenEntropy,
    MetricValue cosineSimilarity,
    MetricValue entailment) {

  /** Names of the six metrics, as sail-sg labels them, in the order of {@link #asList()}. */
  public static final List<String> METRIC_NAMES =
      List.of(
          "ROUGE",
          "Probability",
          "Truth Ratio",
          "Token Entropy",
          "Cosine Similarity",
          "Entailment Score");

  /** Rejects missing components (a component that could not be computed says so itself). */
  public CloserLookSetScores {
    Objects.requireNonNull(rougeLRecall, "rougeLRecall");
    Objects.requireNonNull(probability, "probability");
    Objects.requireNonNull(truthRatio, "truthRatio");
    Objects.requireNonNull(tokenEntropy, "tokenEntropy");
    Objects.requireNonNull(cosineSimilarity, "cosineSimilarity");
    Objects.requireNonNull(entailment, "entailment");
  }

  /** The six values in sail-sg's order. */
  public List<MetricValue> asList() {
    return List.of(
        rougeLRecall, probability, truthRatio, tokenEntropy, cosineSimilarity, entailment);
  }
}
