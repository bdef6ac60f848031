package io.lethe.unlearning.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.lethe.ml.model.Scalars;

/**
 * Likelihood capping, the self-terminating GA of Unlearning with Control (methods.md §2.3–2.4, v1
 * code {@code only_fgt} / {@code ocr_ce}): gradient ascent acts only on forget samples whose summed
 * answer NLL is still below the cap δ, and stops by itself once every sample is past it.
 *
 * <pre>
 * U       = {i : S_i &lt; δ}
 * only_fgt = Σ_{i∈U} (δ − S_i) / |U|                        (0, with zero gradient, if U = ∅)
 * ocr_ce   = (1−ρ) · M(retain) + ρ · only_fgt                if U ≠ ∅
 *          = 0 · (…)                                       if U = ∅: no update at all, retain term included
 * </pre>
 */
public final class LikelihoodCappedLoss {

  private LikelihoodCappedLoss() {}

  /**
   * {@code only_fgt}.
   *
   * @param sForget (B,) summed forget-answer NLL under the trained model
   * @param delta the cap δ (2 in the v1 config)
   */
  public static NDArray onlyForget(NDArray sForget, double delta) {
    NDArray under = underCap(sForget, delta);
    // max(|U|, 1): with U = ∅ the numerator is an all-zero masked sum, so the loss is 0 and every
    // gradient is exactly 0 instead of 0/0.
    NDArray count = under.sum();
    count = count.maximum(Scalars.of(count, 1));
    NDArray negS = sForget.neg();
    return under.mul(negS.add(Scalars.of(negS, delta))).sum().div(count);
  }

  /**
   * {@code ocr_ce}: capped GA on the forget batch mixed with plain NLL on the retain batch.
   *
   * @param sForget (B,) summed forget-answer NLL under the trained model
   * @param retainMean {@code M(retain)} under the trained model
   * @param delta the cap δ
   * @param rho the forget weight ρ (0.1 in the v1 config)
   */
  public static NDArray withRetain(NDArray sForget, NDArray retainMean, double delta, double rho) {
    NDArray capped = onlyForget(sForget, delta);
    NDArray mixed =
        retainMean.mul(Scalars.of(retainMean, 1 - rho)).add(capped.mul(Scalars.of(capped, rho)));
    return mixed.mul(anyUnderCap(sForget, delta));
  }

  /**
   * Scalar float32 1 if some sample is still under the cap, else 0: the factor that switches the
   * whole {@code ocr_ce} update off.
   */
  public static NDArray anyUnderCap(NDArray sForget, double delta) {
    return underCap(sForget, delta).max().stopGradient();
  }

  /** (B,) float32 indicator {@code S_i < δ} (a constant: no gradient flows through the test). */
  private static NDArray underCap(NDArray sForget, double delta) {
    return sForget.lt(Scalars.of(sForget, delta)).toType(DataType.FLOAT32, false).stopGradient();
  }
}
