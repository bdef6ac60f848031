package io.lethe.orchestrator.rest;

import io.lethe.schemas.domain.Hyperparameters;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

/**
 * Overrides of a method's hyperparameters (methods.md §1.3–1.4, §2.3); omitted fields take the
 * defaults. The ranges reject values that cannot be meant (a learning rate of 5, a batch of a
 * million), not unusual choices.
 */
public record HyperparametersRequest(
    @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") Double learningRate,
    @Min(1) @Max(1000) Integer epochs,
    @Min(1) @Max(4096) Integer effectiveBatch,
    @Min(1) @Max(1024) Integer microBatch,
    @Min(0) @Max(1_000_000) Integer warmupSteps,
    @Min(1) @Max(1_000_000) Integer maxSteps,
    @DecimalMin("0") @DecimalMax("1") Double weightDecay,
    @DecimalMin("0") @DecimalMax("1000") Double forgetCoeff,
    @DecimalMin("0") @DecimalMax("1000") Double retainCoeff,
    @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") Double beta,
    Boolean maskPrompt,
    @Pattern(regexp = "KL_U_P|KL_P_U", message = "meForm must be KL_U_P (code) or KL_P_U (paper)")
        String meForm,
    Boolean meIncludePadding,
    @DecimalMin("0") @DecimalMax("10000") Double capDelta,
    @DecimalMin("0") @DecimalMax("1") Double capRho,
    @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000000") Double gradientClip,
    @Min(8) @Max(4096) Integer maxLength) {

  Hyperparameters toSnapshot() {
    return new Hyperparameters(
        learningRate,
        epochs,
        effectiveBatch,
        microBatch,
        warmupSteps,
        maxSteps,
        weightDecay,
        forgetCoeff,
        retainCoeff,
        beta,
        maskPrompt,
        meForm,
        meIncludePadding,
        capDelta,
        capRho,
        gradientClip,
        maxLength);
  }
}
