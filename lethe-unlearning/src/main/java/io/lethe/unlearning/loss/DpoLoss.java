package io.lethe.unlearning.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import io.lethe.ml.model.Scalars;

/**
 * DPO as a forget term (methods.md §1.3, sail-sg {@code dpo_loss}): prefer the refusal (chosen =
 * forget_idk) over the true forget answer (rejected = forget), relative to the frozen reference.
 *
 * <pre>
 * h_i = (S_θ(f_i) − S_θ(idk_i)) − (S_ref(f_i) − S_ref(idk_i))
 *     = [log π_θ(idk_i) − log π_θ(f_i)] − [log π_ref(idk_i) − log π_ref(f_i)]      since log π = −S
 * L_f = −(2/β) · mean_i log σ(β · h_i) = (2/β) · mean_i softplus(−β · h_i)
 * </pre>
 *
 * Sign check: lowering the refusal's NLL S_θ(idk) or raising the true answer's S_θ(f) raises h and
 * lowers the loss, so the refusal is the preferred answer. At θ = ref, h = 0 and L_f = (2/β)·log 2.
 */
public final class DpoLoss {

  private DpoLoss() {}

  /**
   * @param sThetaForget (B,) summed NLL of the true forget answer under the trained model
   * @param sThetaIdk (B,) summed NLL of the refusal under the trained model
   * @param sRefForget (B,) the true answer's under the reference model (no gradient)
   * @param sRefIdk (B,) the refusal's under the reference model (no gradient)
   * @param beta inverse temperature β (0.1 in closer-look)
   */
  public static NDArray of(
      NDArray sThetaForget, NDArray sThetaIdk, NDArray sRefForget, NDArray sRefIdk, double beta) {
    NDArray h = sThetaForget.sub(sThetaIdk).sub(sRefForget.sub(sRefIdk));
    NDArray mean = Activation.softPlus(h.mul(Scalars.of(h, -beta))).mean();
    return mean.mul(Scalars.of(mean, 2 / beta));
  }
}
