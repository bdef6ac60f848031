package io.lethe.unlearning.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import io.lethe.ml.model.Scalars;

/**
 * AP, closer-look's answer-preservation regulariser for targeted unlearning (methods.md §1.3,
 * sail-sg {@code ap_loss}): on retain questions, keep preferring the true answer over the refusal,
 * so IDK training does not teach the model to refuse everything ("excessive ignorance").
 *
 * <pre>
 * L_r = (1/β) · mean_i softplus(−β · (S_θ(retain_idk_i) − S_θ(retain_i)))
 *     = −(1/β) · mean_i log σ(β · (S_θ(idk|x_r) − S_θ(y_r|x_r)))
 * </pre>
 *
 * Sign check: the loss falls as the refusal's NLL rises above the true answer's, i.e. the true
 * retain answer is preferred. No reference model, and the factor is 1/β (not DPO's 2/β), as coded.
 */
public final class AnswerPreservationLoss {

  private AnswerPreservationLoss() {}

  /**
   * @param sThetaRetainIdk (B,) summed NLL of the refusal to the retain question (trained model)
   * @param sThetaRetain (B,) summed NLL of the true retain answer (trained model)
   * @param beta inverse temperature β (0.1 in closer-look)
   */
  public static NDArray of(NDArray sThetaRetainIdk, NDArray sThetaRetain, double beta) {
    NDArray negLogRatio = sThetaRetainIdk.sub(sThetaRetain);
    NDArray mean = Activation.softPlus(negLogRatio.mul(Scalars.of(negLogRatio, -beta))).mean();
    return mean.mul(Scalars.of(mean, 1 / beta));
  }
}
