package io.lethe.unlearning.method;

import io.lethe.unlearning.loss.MeForm;
import java.util.Objects;

/**
 * The knobs of one unlearning run that shape its loss (methods.md §1.3 table, §2.3), snapshotted
 * into every step command so a replayed step computes the same objective.
 *
 * @param forgetCoeff c_f, weight of the forget term
 * @param retainCoeff c_r, weight of the regulariser
 * @param learningRate peak learning rate of the linear schedule (read by the trainer, not the loss)
 * @param maskForgetPrompt whether the forget example's prompt is masked (sail-sg {@code mask};
 *     false only for ME)
 * @param beta β of NPO, DPO and AP
 * @param meForm ME's divergence to uniform (code form by default)
 * @param meIncludePadding whether ME counts positions whose input is padding (the code: yes)
 * @param capDelta δ of likelihood-capped GA (per-sequence NLL cap)
 */
public record MethodHyperparameters(
    double forgetCoeff,
    double retainCoeff,
    double learningRate,
    boolean maskForgetPrompt,
    double beta,
    MeForm meForm,
    boolean meIncludePadding,
    double capDelta) {

  public MethodHyperparameters {
    requireFinite("forgetCoeff", forgetCoeff);
    requireFinite("retainCoeff", retainCoeff);
    requireFinite("capDelta", capDelta);
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learningRate must be positive, got " + learningRate);
    }
    if (!(beta > 0) || Double.isInfinite(beta)) {
      throw new IllegalArgumentException("beta must be positive, got " + beta);
    }
    Objects.requireNonNull(meForm, "meForm");
  }

  /** A copy with other loss weights. */
  public MethodHyperparameters withCoefficients(double forget, double retain) {
    return new MethodHyperparameters(
        forget, retain, learningRate, maskForgetPrompt, beta, meForm, meIncludePadding, capDelta);
  }

  /** A copy with another ME divergence and padding rule. */
  public MethodHyperparameters withMe(MeForm form, boolean includePadding) {
    return new MethodHyperparameters(
        forgetCoeff,
        retainCoeff,
        learningRate,
        maskForgetPrompt,
        beta,
        form,
        includePadding,
        capDelta);
  }

  private static void requireFinite(String name, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be finite, got " + value);
    }
  }
}
