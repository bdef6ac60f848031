package io.lethe.unlearning.loss;

import ai.djl.ndarray.NDArray;

/**
 * GA, the untargeted forget term (methods.md §1.3, sail-sg {@code ga_loss}): ascend the NLL of the
 * forget answers, i.e. minimise its negative.
 *
 * <pre>
 * L_f = −M_θ(forget)
 * </pre>
 *
 * Unbounded below: nothing stops it once the answers are unlikely, which is why GA alone collapses
 * utility (methods.md §7.1) and why likelihood capping exists ({@link LikelihoodCappedLoss}).
 */
public final class GradientAscentLoss {

  private GradientAscentLoss() {}

  /**
   * @param logits (B, L, V) trained-model logits on the forget slot
   * @param labels (B, L) its labels
   */
  public static NDArray of(NDArray logits, NDArray labels) {
    return NextTokenNll.mean(logits, labels).neg();
  }
}
