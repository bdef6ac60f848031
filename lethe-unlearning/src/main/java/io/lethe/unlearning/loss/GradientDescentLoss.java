package io.lethe.unlearning.loss;

import ai.djl.ndarray.NDArray;

/**
 * GD, the plain regulariser (methods.md §1.3, sail-sg {@code gd_loss}): keep fitting the retain
 * answers while the forget term pushes away.
 *
 * <pre>
 * L_r = M_θ(retain)
 * </pre>
 *
 * LLMU's mismatch term ({@code M_θ(forget_mismatch)}) and plain fine-tuning are the same function
 * on another batch.
 */
public final class GradientDescentLoss {

  private GradientDescentLoss() {}

  /**
   * @param logits (B, L, V) trained-model logits on the retain slot
   * @param labels (B, L) its labels
   */
  public static NDArray of(NDArray logits, NDArray labels) {
    return NextTokenNll.mean(logits, labels);
  }
}
