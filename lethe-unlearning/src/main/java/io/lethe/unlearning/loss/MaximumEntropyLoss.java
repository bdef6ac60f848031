package io.lethe.unlearning.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import io.lethe.ml.model.Scalars;

/**
 * ME, closer-look's untargeted forget term (methods.md §1.3, sail-sg {@code me_loss}): push every
 * next-token distribution on the forget example toward uniform, so the model becomes uncertain
 * (like a randomly initialised one) instead of asserting some other fact.
 *
 * <pre>
 * L_f = Σ_{i,t} m_{i,t} · D(p_θ(·|s_{i,&lt;t})) / Σ_{i,t} m_{i,t}           over positions t = 0..L−2
 * D   = KL(U‖p) = Σ_v (1/V)(log(1/V) − log(p_v + 1e−12))                  (code, {@link MeForm#KL_U_P})
 *     | KL(p‖U) = Σ_v p_v log p_v + log V = log V − H(p)                   (paper, {@link MeForm#KL_P_U})
 * m_{i,t} = [y_{i,t+1} ≠ −100]                                            (and a_{i,t} = 1 unless padding is included)
 * </pre>
 *
 * With the forget example encoded without the prompt mask (sail-sg {@code mask=false}, the ME+GD
 * default) every label is a target, so m = 1 on all L−1 positions: question, answer and the EOS
 * padding. {@code includePadding=false} drops the positions whose input is padding ({@code a_{i,t}
 * = 0}); the last real token, which predicts the EOS, stays. The 1e−12 is the code's, kept so the
 * value matches it when a probability underflows.
 */
public final class MaximumEntropyLoss {

  private static final double CODE_EPSILON = 1e-12;

  private MaximumEntropyLoss() {}

  /**
   * @param logits (B, L, V) trained-model logits on the forget slot
   * @param labels (B, L) its labels
   * @param attentionMask (B, L) its attention mask (read only when {@code includePadding} is false)
   * @param form which divergence to uniform
   * @param includePadding whether positions whose input is padding count (the code: yes)
   */
  public static NDArray of(
      NDArray logits, NDArray labels, NDArray attentionMask, MeForm form, boolean includePadding) {
    NDArray m = NextTokenNll.targetMask(labels);
    if (!includePadding) {
      m = m.mul(attentionMask.get(new NDIndex(":, :-1")).toType(DataType.FLOAT32, false));
    }
    NDArray divergence =
        switch (form) {
          case KL_U_P -> klUniformToModel(logits);
          case KL_P_U -> klModelToUniform(logits);
        };
    return divergence.mul(m).sum().div(m.sum());
  }

  /** (B, L−1) {@code KL(U‖p) = −log V − (1/V) Σ_v log(p_v + 1e−12)}, as the code computes it. */
  static NDArray klUniformToModel(NDArray logits) {
    NDArray p = shiftedLogits(logits).softmax(-1);
    double logV = Math.log(p.getShape().get(2));
    NDArray negMeanLog = p.add(Scalars.of(p, CODE_EPSILON)).log().mean(new int[] {-1}).neg();
    return negMeanLog.sub(Scalars.of(negMeanLog, logV));
  }

  /** (B, L−1) {@code KL(p‖U) = Σ_v p_v log p_v + log V}. */
  static NDArray klModelToUniform(NDArray logits) {
    NDArray logP = shiftedLogits(logits).logSoftmax(-1);
    double logV = Math.log(logP.getShape().get(2));
    NDArray negEntropy = logP.exp().mul(logP).sum(new int[] {-1});
    return negEntropy.add(Scalars.of(negEntropy, logV));
  }

  private static NDArray shiftedLogits(NDArray logits) {
    return logits.get(new NDIndex(":, :-1")).toType(DataType.FLOAT32, false);
  }
}
