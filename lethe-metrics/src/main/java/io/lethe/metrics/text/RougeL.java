package io.lethe.metrics.text;

import io.lethe.metrics.MetricIds;
import io.lethe.metrics.MetricValue;
import java.util.List;

/**
 * Sentence-level ROUGE-L ({@code rouge_score} type {@code rougeL}): the longest common subsequence
 * of target and prediction tokens. TOFU reports its recall {@code LCS/|target|} against the gold
 * answer, with a score of 0 if either side has no tokens (methods.md §3.4).
 */
public final class RougeL {

  private final RougeTokenizer tokenizer;

  /** ROUGE-L over the given tokenizer. */
  public RougeL(RougeTokenizer tokenizer) {
    this.tokenizer = tokenizer;
  }

  /** ROUGE-L as TOFU and closer-look configure it ({@code use_stemmer=True}). */
  public static RougeL tofu() {
    return new RougeL(RougeTokenizer.withStemmer());
  }

  /** Scores a prediction against a target, as {@code RougeScorer.score(target, prediction)}. */
  public RougeScore score(String target, String prediction) {
    return scoreTokens(tokenizer.tokenize(target), tokenizer.tokenize(prediction));
  }

  /** ROUGE-L recall of a prediction against a target. */
  public double recall(String target, String prediction) {
    return score(target, prediction).recall();
  }

  /**
   * Mean ROUGE-L recall over items ({@link MetricIds#TOFU_ROUGE_L_RECALL}); not computed when there
   * are no items.
   *
   * @param targets gold answers, one per item
   * @param predictions generations, aligned with {@code targets}
   */
  public MetricValue meanRecall(List<String> targets, List<String> predictions) {
    if (targets.size() != predictions.size()) {
      throw new IllegalArgumentException(
          "targets and predictions differ in size: "
              + targets.size()
              + " vs "
              + predictions.size());
    }
    if (targets.isEmpty()) {
      return MetricValue.notComputed(MetricIds.TOFU_ROUGE_L_RECALL, "no items");
    }
    double sum = 0;
    for (int i = 0; i < targets.size(); i++) {
      sum += recall(targets.get(i), predictions.get(i));
    }
    return MetricValue.of(MetricIds.TOFU_ROUGE_L_RECALL, sum / targets.size());
  }

  /** ROUGE-L of two token lists. */
  public static RougeScore scoreTokens(List<String> target, List<String> prediction) {
    if (target.isEmpty() || prediction.isEmpty()) {
      return RougeScore.ZERO;
    }
    int lcs = lcsLength(target, prediction);
    double precision = (double) lcs / prediction.size();
    double recall = (double) lcs / target.size();
    return new RougeScore(precision, recall, fmeasure(precision, recall));
  }

  /** Length of the longest common subsequence (dynamic programme, two rows). */
  static int lcsLength(List<String> a, List<String> b) {
    int[] previous = new int[b.size() + 1];
    int[] current = new int[b.size() + 1];
    for (int i = 1; i <= a.size(); i++) {
      String ai = a.get(i - 1);
      for (int j = 1; j <= b.size(); j++) {
        current[j] =
            ai.equals(b.get(j - 1)) ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.size()];
  }

  /** {@code rouge_score.scoring.fmeasure}: 2PR/(P+R), 0 when P+R is 0. */
  private static double fmeasure(double precision, double recall) {
    return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;
  }
}
