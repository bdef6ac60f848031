package io.lethe.metrics.closerlook;

import io.lethe.metrics.MetricIds;
import io.lethe.metrics.MetricValue;
import java.util.List;

/**
 * closer-look's entailment score ({@link MetricIds#CL_ENTAILMENT}, methods.md §1.7 item 6), a
 * factual-correctness measure: the fraction of items whose NLI label is entailment, where an item
 * whose ROUGE-L recall against the gold answer is below 0.1 is treated as factually wrong whatever
 * the NLI model says (its label is forced to "none"). The NLI model runs elsewhere (see {@link
 * NliPair} for the input order); this class is the math.
 */
public final class EntailmentScore {

  /** Items whose ROUGE-L recall is below this are never counted as entailed. */
  public static final double ROUGE_GATE = 0.1;

  private EntailmentScore() {}

  /** Whether one item counts as entailed after the ROUGE gate. */
  public static boolean countsAsEntailed(NliLabel label, double rougeLRecall) {
    return rougeLRecall >= ROUGE_GATE && label == NliLabel.ENTAILMENT;
  }

  /**
   * The score over items.
   *
   * @param labels the NLI model's top-1 label per item
   * @param rougeLRecall per item, ROUGE-L recall of the generation against the gold answer
   */
  public static MetricValue score(List<NliLabel> labels, double[] rougeLRecall) {
    if (labels.size() != rougeLRecall.length) {
      throw new IllegalArgumentException(
          "labels and ROUGE values differ in count: "
              + labels.size()
              + " vs "
              + rougeLRecall.length);
    }
    if (labels.isEmpty()) {
      return MetricValue.notComputed(MetricIds.CL_ENTAILMENT, "no items");
    }
    int entailed = 0;
    for (int i = 0; i < labels.size(); i++) {
      if (countsAsEntailed(labels.get(i), rougeLRecall[i])) {
        entailed++;
      }
    }
    return MetricValue.of(MetricIds.CL_ENTAILMENT, (double) entailed / labels.size());
  }
}
