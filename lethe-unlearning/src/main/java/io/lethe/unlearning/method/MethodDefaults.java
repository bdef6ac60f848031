package io.lethe.unlearning.method;

import io.lethe.unlearning.loss.MeForm;

/**
 * The papers' default hyperparameters per method and scenario, so a job that names only a method
 * trains as the released scripts do (methods.md §1.3 defaults table, sail-sg {@code scripts/*};
 * §2.3, Unlearning with Control v1 {@code config/forget.yaml}).
 *
 * <pre>
 * scenario         method              c_f   c_r   lr     mask
 * TOFU fictitious  baselines, IDK+AP   1.0   1.0   1e−5   true
 * TOFU fictitious  ME(+GD)             0.1   1.0   1e−5   false
 * continual TOFU   all                 1.0   1.0   1e−5   true (ME: false)
 * real-world       baselines, IDK+AP   1.0   1.0   1e−5   true
 * real-world       ME(+GD)             0.5   1.0   5e−6   false
 * any              CAPPED_GA           1.0   0     2e−5   true     δ = 2
 * any              CAPPED_GA+GD        ρ=0.1 1−ρ   2e−5   true     δ = 2   (total = ocr_ce)
 * β = 0.1, ME code form KL(U‖p) over padding included, everywhere.
 * </pre>
 */
public final class MethodDefaults {

  /** β of NPO, DPO, AP in closer-look ({@code cfg.beta}). */
  public static final double BETA = 0.1;

  /** δ of likelihood capping ({@code delta_ocr} in the v1 config). */
  public static final double CAP_DELTA = 2.0;

  /** ρ, the forget weight of {@code ocr_ce} ({@code ratio} in the v1 config). */
  public static final double CAP_RHO = 0.1;

  private static final double CLOSER_LOOK_LR = 1e-5;
  private static final double REAL_WORLD_ME_LR = 5e-6;
  private static final double CAPPED_LR = 2e-5;

  private MethodDefaults() {}

  /** The defaults of {@code method} in {@code scenario}. */
  public static MethodHyperparameters of(UnlearningMethod method, Scenario scenario) {
    if (method.forget() == ForgetTerm.CAPPED_GA) {
      // ocr_ce = (1−ρ)·M(retain) + ρ·only_fgt is c_f·L_f + c_r·L_r with c_f = ρ, c_r = 1−ρ.
      boolean withRetain = method.regularizer() == Regularizer.GD;
      return hyperparameters(
          withRetain ? CAP_RHO : 1.0, withRetain ? 1 - CAP_RHO : 0.0, CAPPED_LR, true);
    }
    boolean me = method.forget() == ForgetTerm.ME;
    return switch (scenario) {
      case TOFU_FICTITIOUS -> hyperparameters(me ? 0.1 : 1.0, 1.0, CLOSER_LOOK_LR, !me);
      case CONTINUAL_TOFU -> hyperparameters(1.0, 1.0, CLOSER_LOOK_LR, !me);
      case REAL_WORLD ->
          hyperparameters(me ? 0.5 : 1.0, 1.0, me ? REAL_WORLD_ME_LR : CLOSER_LOOK_LR, !me);
    };
  }

  /** The defaults of the method named {@code name} (see {@link UnlearningMethod#parse}). */
  public static MethodHyperparameters of(String name, Scenario scenario) {
    return of(UnlearningMethod.parse(name), scenario);
  }

  private static MethodHyperparameters hyperparameters(
      double forgetCoeff, double retainCoeff, double learningRate, boolean maskForgetPrompt) {
    return new MethodHyperparameters(
        forgetCoeff,
        retainCoeff,
        learningRate,
        maskForgetPrompt,
        BETA,
        MeForm.KL_U_P,
        true,
        CAP_DELTA);
  }
}
