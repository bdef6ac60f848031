package io.lethe.unlearning.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import io.lethe.ml.model.Scalars;

/**
 * NPO, negative preference optimisation (methods.md §1.3, sail-sg {@code npo_loss}): GA made
 * bounded by measuring the forget answers' likelihood relative to the frozen reference model.
 *
 * <pre>
 * L_f = (2/β) · (1/B) Σ_i softplus(−β · (S_θ(i) − S_ref(i)))
 *     = (2/β) · mean_i log(1 + (π_θ(y_i|x_i) / π_ref(y_i|x_i))^β)        since log π = −S
 *     = −(2/β) · mean_i log σ(β · (S_θ(i) − S_ref(i)))                    (the code's form)
 * </pre>
 *
 * At θ = ref it equals (2/β)·log 2 and it decreases toward 0 as S_θ grows past S_ref, so its
 * gradient fades instead of diverging like GA's. S are per-sequence sums (not token means), as in
 * the code; with β = 0.1 and short answers β·ΔS is small (methods.md §5).
 */
public final class NpoLoss {

  private NpoLoss() {}

  /**
   * @param sTheta (B,) summed forget-answer NLL under the trained model
   * @param sRef (B,) the same under the reference model (no gradient)
   * @param beta inverse temperature β (0.1 in closer-look)
   */
  public static NDArray of(NDArray sTheta, NDArray sRef, double beta) {
    NDArray negLogRatio = sTheta.sub(sRef);
    NDArray softPlus = Activation.softPlus(negLogRatio.mul(Scalars.of(negLogRatio, -beta)));
    NDArray mean = softPlus.mean();
    return mean.mul(Scalars.of(mean, 2 / beta));
  }
}
