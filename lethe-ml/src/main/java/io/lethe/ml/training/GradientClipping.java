package io.lethe.ml.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import java.util.Collection;

/**
 * Global L2 norm of all gradients and optional clipping to a maximum norm, as {@code
 * torch.nn.utils.clip_grad_norm_} (scale every gradient by {@code maxNorm / (norm + 1e-6)} when
 * that is below 1). The norm is reported every step because the controller halts on exploding
 * gradients.
 */
public final class GradientClipping {

  private GradientClipping() {}

  /** sqrt(Σ_p ‖g_p‖²) over {@code gradients}, computed on the device with one host transfer. */
  public static double globalNorm(Collection<NDArray> gradients) {
    if (gradients.isEmpty()) {
      return 0;
    }
    NDList squares = new NDList(gradients.size());
    for (NDArray g : gradients) {
      squares.add(g.square().sum());
    }
    NDArray total = NDArrays.stack(squares).sum();
    double norm = Math.sqrt(total.getFloat());
    squares.close();
    total.close();
    return norm;
  }

  /**
   * Scales {@code gradients} in place so their global norm is at most {@code maxNorm} ({@code
   * maxNorm ≤ 0} disables clipping) and returns the norm before clipping.
   */
  public static double clip(Collection<NDArray> gradients, double maxNorm) {
    double norm = globalNorm(gradients);
    if (maxNorm > 0) {
      double coefficient = maxNorm / (norm + 1e-6);
      if (coefficient < 1) {
        for (NDArray g : gradients) {
          g.muli((float) coefficient);
        }
      }
    }
    return norm;
  }
}
