package io.lethe.schemas.domain;

/**
 * The snapshot of training hyperparameters a segment runs with (defaults: methods.md §1.3–1.4,
 * §2.3). Null fields take the method's default in the trainer, and the checkpoint lineage records
 * the resolved values.
 *
 * @param learningRate peak learning rate of the linear warm-up/decay schedule
 * @param epochs epochs over the forget set (UNLEARN) or training split (FINETUNE)
 * @param effectiveBatch sequences per optimizer step (micro-batches accumulated)
 * @param microBatch sequences per forward/backward pass
 * @param warmupSteps linear warm-up steps
 * @param maxSteps total optimizer steps of the job (end of the linear decay)
 * @param weightDecay decoupled AdamW weight decay (not on norms and biases)
 * @param forgetCoeff c_f, weight of the forget term
 * @param retainCoeff c_r, weight of the regulariser
 * @param beta β of NPO, DPO and AP
 * @param maskPrompt prompt masking of the forget example (false for ME+GD)
 * @param meForm ME loss form: {@code KL_U_P} (code, default) or {@code KL_P_U} (paper)
 * @param meIncludePadding whether ME averages over padding positions (code: yes with
 *     maskPrompt=false)
 * @param capDelta δ of likelihood-capped GA (UwC {@code ocr} losses)
 * @param capRho ρ of {@code ocr_ce}: weight of the capped forget term vs retain NLL
 * @param gradientClip clip the global gradient norm to this value; null = no clipping (the
 *     reference runs)
 * @param maxLength padded sequence length L
 */
public record Hyperparameters(
    Double learningRate,
    Integer epochs,
    Integer effectiveBatch,
    Integer microBatch,
    Integer warmupSteps,
    Integer maxSteps,
    Double weightDecay,
    Double forgetCoeff,
    Double retainCoeff,
    Double beta,
    Boolean maskPrompt,
    String meForm,
    Boolean meIncludePadding,
    Double capDelta,
    Double capRho,
    Double gradientClip,
    Integer maxLength) {

  /** All defaults. */
  public static Hyperparameters defaults() {
    return new Hyperparameters(
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null);
  }
}
