package io.lethe.unlearning.loss;

import ai.djl.ndarray.NDArray;

/**
 * IDK, the targeted forget term (methods.md §1.3, sail-sg {@code idk_loss}): fine-tune the model to
 * answer forget questions with a refusal template.
 *
 * <pre>
 * L_f = M_θ(forget_idk)
 * </pre>
 */
public final class IdkLoss {

  private IdkLoss() {}

  /**
   * @param logits (B, L, V) trained-model logits on the forget_idk slot
   * @param labels (B, L) its labels (the refusal tokens)
   */
  public static NDArray of(NDArray logits, NDArray labels) {
    return NextTokenNll.mean(logits, labels);
  }
}
