package io.lethe.metrics.control;

import io.lethe.metrics.MetricIds;
import io.lethe.metrics.MetricValue;
import java.util.List;

/**
 * Extraction strength in its teacher-forced form ({@link MetricIds#UWC_EXTRACTION_STRENGTH},
 * methods.md §2.5; open-unlearning {@code memorization.py::extraction_strength}): with one forward
 * pass over question + answer, {@code pred_t} is the argmax at each answer position and {@code
 * label_t} the answer token; {@code k*} is the smallest prefix length such that the model
 * reproduces the whole remaining answer ({@code pred[k:] == label[k:]}), and {@code ES = 1 − k* /
 * |a|}. ES = 1 means the answer is reproduced from the question alone; it falls as more of the
 * answer has to be given away before the rest follows.
 *
 * <p>k* ranges over 0..|a|: when even the last token is mispredicted, only the empty suffix matches
 * and ES = 0, as in Wang et al.'s generation-based definition (m = r). open-unlearning's loop stops
 * at k = |a| − 1 and so reports 1/|a| in that case; that off-by-one is not reproduced.
 */
public final class ExtractionStrength {

  private ExtractionStrength() {}

  /**
   * ES of one answer.
   *
   * @param predictions argmax token id at each answer position
   * @param labels the answer's token ids, aligned with {@code predictions}
   */
  public static double perItem(int[] predictions, int[] labels) {
    requireAligned(predictions, labels);
    int length = labels.length;
    // Scan from the end: the matching suffix is the run of agreeing positions ending at |a|.
    int k = length;
    while (k > 0 && predictions[k - 1] == labels[k - 1]) {
      k--;
    }
    return 1.0 - (double) k / length;
  }

  /** Mean ES over answers. */
  public static MetricValue mean(List<int[]> predictions, List<int[]> labels) {
    if (predictions.size() != labels.size()) {
      throw new IllegalArgumentException(
          "predictions and labels differ in count: " + predictions.size() + " vs " + labels.size());
    }
    if (labels.isEmpty()) {
      return MetricValue.notComputed(MetricIds.UWC_EXTRACTION_STRENGTH, "no items");
    }
    double sum = 0;
    for (int i = 0; i < labels.size(); i++) {
      sum += perItem(predictions.get(i), labels.get(i));
    }
    return MetricValue.of(MetricIds.UWC_EXTRACTION_STRENGTH, sum / labels.size());
  }

  static void requireAligned(int[] predictions, int[] labels) {
    if (predictions.length != labels.length) {
      throw new IllegalArgumentException(
          "predictions and labels differ in length: "
              + predictions.length
              + " vs "
              + labels.length);
    }
    if (labels.length == 0) {
      throw new IllegalArgumentException("an answer needs at least one label token");
    }
  }
}
