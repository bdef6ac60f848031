package io.lethe.unlearning.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.lethe.ml.model.Scalars;

/**
 * KL, the reference-anchored regulariser (methods.md §1.3, sail-sg {@code kl_loss}): keep the
 * trained model's next-token distributions on retain inputs close to the frozen reference's.
 *
 * <pre>
 * L_r = (1/(B·L)) · Σ_{i, t=0..L−1} Σ_v p_ref(v|s_{i,≤t}) · [log p_ref(v|s_{i,≤t}) − log p_θ(v|s_{i,≤t})]
 *     = F.kl_div(log_softmax(z_θ).view(B·L, V), log_softmax(z_ref).view(B·L, V),
 *                reduction='batchmean', log_target=True)
 * </pre>
 *
 * Exactly as coded: no mask, no shift, all L positions (prompt and padding included, their logits
 * exist under right padding and causal attention), and "batchmean" divides by the B·L rows of the
 * flattened logits, not by B. Hence the value depends on the padded length L: do not trim padding
 * for this term.
 */
public final class RetainKlLoss {

  private RetainKlLoss() {}

  /**
   * @param logitsTheta (B, L, V) trained-model logits on the retain slot
   * @param logitsRef (B, L, V) reference-model logits on the same inputs (no gradient)
   */
  public static NDArray of(NDArray logitsTheta, NDArray logitsRef) {
    NDArray logPTheta = logitsTheta.toType(DataType.FLOAT32, false).logSoftmax(-1);
    NDArray logPRef = logitsRef.toType(DataType.FLOAT32, false).logSoftmax(-1);
    long rows = logPTheta.getShape().get(0) * logPTheta.getShape().get(1);
    NDArray sum = logPRef.exp().mul(logPRef.sub(logPTheta)).sum();
    return sum.div(Scalars.of(sum, rows));
  }
}
