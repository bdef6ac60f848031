package io.lethe.unlearning.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import io.lethe.data.encoding.EncodedExample;

/**
 * The loss primitives every objective is built from (methods.md §0.3), with the shift by one done
 * here and nowhere else: the logits at position t score the label at t + 1, and a position counts
 * iff that label is not −100.
 *
 * <pre>
 * ℓ_{i,t} = −log softmax(z_{i,t})[y_{i,t+1}]          valid iff y_{i,t+1} ≠ −100
 * M       = Σ_{i,t valid} ℓ_{i,t} / #valid            HF's model(...).loss: token mean over the batch
 * S_i     = Σ_{t valid} ℓ_{i,t}                       get_batch_loss: per-sequence sum, no length norm
 * </pre>
 *
 * Log-softmax is taken in float32 whatever the logits' type (methods.md §5). M and S are different
 * reductions on purpose: NPO, DPO, AP and capped GA use S; GA, GD and IDK use M.
 *
 * <p>Every loss of this package returns a float32 scalar. Constants enter differentiated arithmetic
 * only as {@code Scalars.of(x, value)} (lethe-ml): a 0-d tensor of x's type allocated by PyTorch
 * itself. DJL 0.35.1's {@code mul(Number)}, {@code add(Number)}, … wrap the number in a Java-owned
 * buffer that the GC may free while autograd still holds it for the backward pass (random NaN/∞
 * gradients); a Java {@code double} would also promote a float32 0-d result to float64. Comparisons
 * against constants on integer labels ({@code neq(−100)}) record no graph and may use plain
 * numbers.
 */
public final class NextTokenNll {

  private NextTokenNll() {}

  /**
   * (B, L−1, V) float32 log-probabilities of positions 0..L−2 (the ones that have a next label).
   */
  public static NDArray shiftedLogProbs(NDArray logits) {
    return logits.get(new NDIndex(":, :-1")).toType(DataType.FLOAT32, false).logSoftmax(-1);
  }

  /** (B, L−1) int64 next-token labels {@code y_{t+1}}, −100 kept. */
  public static NDArray shiftedLabels(NDArray labels) {
    return labels.get(new NDIndex(":, 1:")).toType(DataType.INT64, false);
  }

  /** (B, L−1) float32 mask: 1 where {@code y_{t+1} ≠ −100}. */
  public static NDArray targetMask(NDArray labels) {
    return shiftedLabels(labels).neq(EncodedExample.IGNORE).toType(DataType.FLOAT32, false);
  }

  /** (B,) float32 number of valid targets per sequence. */
  public static NDArray targetCounts(NDArray labels) {
    return targetMask(labels).sum(new int[] {1});
  }

  /**
   * (B, L−1) float32 per-token NLL {@code ℓ_{i,t}}, 0 where the label is −100.
   *
   * @param logits (B, L, V) logits
   * @param labels (B, L) unshifted labels
   */
  public static NDArray perToken(NDArray logits, NDArray labels) {
    NDArray targets = shiftedLabels(labels);
    NDArray valid = targets.neq(EncodedExample.IGNORE);
    // −100 cannot index the vocabulary: gather at id 0 there, the mask zeroes it (and its
    // gradient).
    NDArray safeTargets = targets.mul(valid.toType(DataType.INT64, false));
    NDArray targetLogProbs =
        shiftedLogProbs(logits).gather(safeTargets.expandDims(-1), -1).squeeze(-1);
    return targetLogProbs.neg().mul(valid.toType(DataType.FLOAT32, false));
  }

  /**
   * {@code M = Σ valid ℓ / #valid}: Hugging Face's token-mean NLL over the whole batch (a long
   * answer weighs more than a short one). 0/0 = NaN when nothing is labelled, as in PyTorch.
   */
  public static NDArray mean(NDArray logits, NDArray labels) {
    return perToken(logits, labels).sum().div(targetMask(labels).sum());
  }

  /** {@code S_i = Σ_t valid ℓ_{i,t}}: (B,) summed NLL of each sequence's labelled tokens. */
  public static NDArray perSequence(NDArray logits, NDArray labels) {
    return perToken(logits, labels).sum(new int[] {1});
  }
}
