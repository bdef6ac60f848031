package io.lethe.evaluator.service;

import java.util.List;

/**
 * Adapts the generator's per-position "argmax equals the gold token" flags to the (predictions,
 * labels) arrays of {@code ExtractionStrength} and {@code ExactMemorization}: both metrics only
 * compare predictions with labels position by position, so label 0 everywhere and prediction 0
 * where it matched (1 where not) gives exactly the same k* and match counts as the token ids.
 */
final class ArgmaxMatches {

  private ArgmaxMatches() {}

  /** {@code [predictions, labels]} of one answer. */
  static int[][] asPredictionsAndLabels(List<Boolean> matches) {
    int[] predictions = new int[matches.size()];
    int[] labels = new int[matches.size()];
    for (int t = 0; t < predictions.length; t++) {
      if (matches.get(t) == null) {
        throw new IllegalArgumentException("argmax match flag " + t + " is null");
      }
      predictions[t] = matches.get(t) ? 0 : 1;
    }
    return new int[][] {predictions, labels};
  }
}
