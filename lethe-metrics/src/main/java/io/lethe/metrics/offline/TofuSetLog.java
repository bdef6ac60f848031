package io.lethe.metrics.offline;

/**
 * The per-item numbers of one evaluation set in a TOFU evaluation log, aligned by item index. TOFU
 * stores per-token <em>average</em> losses (S/n), which is what its aggregation consumes.
 *
 * @param avgGtLoss per item, the gold answer's average NLL ({@code avg_gt_loss})
 * @param averagePerturbLoss per item, each perturbed answer's average NLL ({@code
 *     average_perturb_loss})
 * @param avgParaphrasedLoss per item, the paraphrased (retain/forget) or gold (real authors, world
 *     facts) answer's average NLL ({@code avg_paraphrased_loss})
 * @param rougeLRecall per item, ROUGE-L recall of the generation ({@code rougeL_recall})
 */
public record TofuSetLog(
    double[] avgGtLoss,
    double[][] averagePerturbLoss,
    double[] avgParaphrasedLoss,
    double[] rougeLRecall) {

  /** Checks that every field has one entry per item. */
  public TofuSetLog {
    int n = avgGtLoss.length;
    if (averagePerturbLoss.length != n
        || avgParaphrasedLoss.length != n
        || rougeLRecall.length != n) {
      throw new IllegalArgumentException(
          "fields differ in item count: avg_gt_loss "
              + n
              + ", average_perturb_loss "
              + averagePerturbLoss.length
              + ", avg_paraphrased_loss "
              + avgParaphrasedLoss.length
              + ", rougeL_recall "
              + rougeLRecall.length);
    }
  }

  /** Number of items. */
  public int size() {
    return avgGtLoss.length;
  }
}
