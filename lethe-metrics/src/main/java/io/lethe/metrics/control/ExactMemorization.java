package io.lethe.metrics.control;

import io.lethe.metrics.MetricIds;
import io.lethe.metrics.MetricValue;
import java.util.List;

/**
 * Exact memorization ({@link MetricIds#UWC_EXACT_MEMORIZATION}, methods.md §2.5; open-unlearning
 * {@code memorization.py::exact_memorization}): the fraction of answer positions whose
 * teacher-forced argmax equals the answer token, {@code EM = mean_t 1[pred_t = label_t]}, averaged
 * over answers.
 */
public final class ExactMemorization {

  private ExactMemorization() {}

  /** EM of one answer. */
  public static double perItem(int[] predictions, int[] labels) {
    ExtractionStrength.requireAligned(predictions, labels);
    int matches = 0;
    for (int t = 0; t < labels.length; t++) {
      if (predictions[t] == labels[t]) {
        matches++;
      }
    }
    return (double) matches / labels.length;
  }

  /** Mean EM over answers. */
  public static MetricValue mean(List<int[]> predictions, List<int[]> labels) {
    if (predictions.size() != labels.size()) {
      throw new IllegalArgumentException(
          "predictions and labels differ in count: " + predictions.size() + " vs " + labels.size());
    }
    if (labels.isEmpty()) {
      return MetricValue.notComputed(MetricIds.UWC_EXACT_MEMORIZATION, "no items");
    }
    double sum = 0;
    for (int i = 0; i < labels.size(); i++) {
      sum += perItem(predictions.get(i), labels.get(i));
    }
    return MetricValue.of(MetricIds.UWC_EXACT_MEMORIZATION, sum / labels.size());
  }
}
