package io.lethe.metrics.closerlook;

import io.lethe.metrics.MetricIds;
import io.lethe.metrics.MetricValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * closer-look's token entropy ({@link MetricIds#CL_TOKEN_ENTROPY}, methods.md §1.7 item 4), a
 * diversity measure that drops when generations degenerate into repetition: over the sub-word
 * pieces of one generated text (the unlearned LLM's own tokenizer), {@code TE = H / log2 N} with
 * {@code H = −Σ_w f_w log2 f_w} of the unigram frequencies and N the number of pieces; TE = 0 when
 * N ≤ 1 ({@code metrics.py::compute_token_entropy}).
 */
public final class TokenEntropy {

  private TokenEntropy() {}

  /** TE of one generation given its sub-word pieces. */
  public static double ofPieces(List<String> pieces) {
    int n = pieces.size();
    if (n <= 1) {
      return 0.0;
    }
    // First-occurrence order, as nltk.FreqDist iterates, so the sum runs in the same order.
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String piece : pieces) {
      counts.merge(piece, 1, Integer::sum);
    }
    double log2 = Math.log(2);
    double entropy = 0.0;
    for (int count : counts.values()) {
      double f = (double) count / n;
      entropy += -f * Math.log(f) / log2;
    }
    return entropy / (Math.log(n) / log2);
  }

  /** Mean TE over generations, each given as its sub-word pieces. */
  public static MetricValue mean(List<List<String>> piecesPerGeneration) {
    if (piecesPerGeneration.isEmpty()) {
      return MetricValue.notComputed(MetricIds.CL_TOKEN_ENTROPY, "no items");
    }
    double sum = 0;
    for (List<String> pieces : piecesPerGeneration) {
      sum += ofPieces(pieces);
    }
    return MetricValue.of(MetricIds.CL_TOKEN_ENTROPY, sum / piecesPerGeneration.size());
  }
}
