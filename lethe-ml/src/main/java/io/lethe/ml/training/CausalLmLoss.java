package io.lethe.ml.training;

import ai.djl.ndarray.NDArray;
import io.lethe.ml.model.Scalars;
import io.lethe.ml.model.TokenBatch;

/**
 * The two NLL reductions of methods.md §0.3 as differentiable NDArray functions — kept distinct
 * because the unlearning losses depend on which one they use.
 *
 * <ul>
 *   <li>{@link #meanNll}: HF's {@code model(...).loss}, {@code M = Σ_{i,t valid} ℓ_{i,t} / #valid}
 *       (token-weighted over the micro-batch);
 *   <li>{@link #sequenceNll}: {@code get_batch_loss}, {@code S_i = Σ_{t valid} ℓ_{i,t}} per
 *       sequence, no length normalisation (NPO, DPO, AP, evaluation).
 * </ul>
 *
 * with {@code ℓ_t = −log softmax(z_t)[y_{t+1}]}, valid iff {@code y_{t+1} ≠ −100}.
 */
public final class CausalLmLoss {

  private CausalLmLoss() {}

  /** M: mean NLL over all valid targets of the batch (scalar). */
  public static NDArray meanNll(NDArray logits, TokenBatch batch) {
    NDArray masked =
        batch.targetLogProbs(TokenBatch.shiftedLogSoftmax(logits)).mul(batch.targetMask());
    NDArray total = masked.sum().neg();
    return total.div(Scalars.of(total, Math.max(1, batch.targetCount())));
  }

  /** S: summed NLL of each sequence over its valid targets, shape (B). */
  public static NDArray sequenceNll(NDArray logits, TokenBatch batch) {
    NDArray masked =
        batch.targetLogProbs(TokenBatch.shiftedLogSoftmax(logits)).mul(batch.targetMask());
    return masked.sum(new int[] {1}).neg();
  }
}
