package io.lethe.orchestrator.rest;

import io.lethe.schemas.domain.Hyperparameters;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

/**
 * Overrides of a method's hyperparameters (methods.md §1.3–1.4, §2.3); omitted fields take the
 * defaults. The ranges reject values that cannot be meant (a learning rate of 5, a batch of a
 * million), not unusual choices; NaN and infinities are outside every range.
 */
public record HyperparametersRequest(
    @DecimalMin(value = "0", inclusive = false, message = "must be in (0, 1]")
        @DecimalMax(value = "1", message = "must be in (0, 1]")
        Double learningRate,
    @Min(value = 1, message = "must be an integer in [1, 1000]")
        @Max(value = 1000, message = "must be an integer in [1, 1000]")
        Integer epochs,
    @Min(value = 1, message = "must be an integer in [1, 4096]")
        @Max(value = 4096, message = "must be an integer in [1, 4096]")
        Integer effectiveBatch,
    @Min(value = 1, message = "must be an integer in [1, 1024]")
        @Max(value = 1024, message = "must be an integer in [1, 1024]")
        Integer microBatch,
    @Min(value = 0, message = "must be an integer in [0, 1000000]")
        @Max(value = 1_000_000, message = "must be an integer in [0, 1000000]")
        Integer warmupSteps,
    @Min(value = 1, message = "must be an integer in [1, 1000000]")
        @Max(value = 1_000_000, message = "must be an integer in [1, 1000000]")
        Integer maxSteps,
    @DecimalMin(value = "0", message = "must be in [0, 1]")
        @DecimalMax(value = "1", message = "must be in [0, 1]")
        Double weightDecay,
    @DecimalMin(value = "0", message = "must be in [0, 1000]")
        @DecimalMax(value = "1000", message = "must be in [0, 1000]")
        Double forgetCoeff,
    @DecimalMin(value = "0", message = "must be in [0, 1000]")
        @DecimalMax(value = "1000", message = "must be in [0, 1000]")
        Double retainCoeff,
    @DecimalMin(value = "0", inclusive = false, message = "must be in (0, 100]")
        @DecimalMax(value = "100", message = "must be in (0, 100]")
        Double beta,
    Boolean maskPrompt,
    @Pattern(regexp = "KL_U_P|KL_P_U", message = "meForm must be KL_U_P (code) or KL_P_U (paper)")
        String meForm,
    Boolean meIncludePadding,
    @DecimalMin(value = "0", message = "must be in [0, 10000]")
        @DecimalMax(value = "10000", message = "must be in [0, 10000]")
        Double capDelta,
    @DecimalMin(value = "0", message = "must be in [0, 1]")
        @DecimalMax(value = "1", message = "must be in [0, 1]")
        Double capRho,
    @DecimalMin(value = "0", inclusive = false, message = "must be in (0, 1000000]")
        @DecimalMax(value = "1000000", message = "must be in (0, 1000000]")
        Double gradientClip,
    @Min(value = 8, message = "must be an integer in [8, 4096]")
        @Max(value = 4096, message = "must be an integer in [8, 4096]")
        Integer maxLength) {

  /**
   * Gradient accumulation runs effectiveBatch / microBatch micro-batches per optimizer step and
   * averages their mean losses: with a remainder the last, shorter micro-batch would weigh its
   * sequences more than the others. (Checked when both are given; the trainer's defaults are
   * consistent.)
   */
  @AssertTrue(message = "microBatch must divide effectiveBatch (and so be at most effectiveBatch)")
  public boolean isMicroBatchDividingEffectiveBatch() {
    // a microBatch below 1 is @Min's violation, not this one's
    return effectiveBatch == null
        || microBatch == null
        || microBatch < 1
        || effectiveBatch % microBatch == 0;
  }

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
