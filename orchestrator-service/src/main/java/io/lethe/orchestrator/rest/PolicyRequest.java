package io.lethe.orchestrator.rest;

import io.lethe.schemas.domain.BreachAction;
import io.lethe.schemas.domain.ControlPolicy;
import io.lethe.schemas.domain.ForgetTarget;
import io.lethe.schemas.domain.UtilityFloor;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The control policy of an UNLEARN job; every field is optional. Defaults: model utility ≥ 0.9 ×
 * its step-0 baseline (the UwC retain bar), probe every step, full evaluation every 5 steps, HALT
 * on breach.
 */
public record PolicyRequest(
    @Size(max = 16, message = "must hold at most 16 floors")
        List<@NotNull @Valid FloorRequest> floors,
    @Min(value = 0, message = "must be an integer in [0, 100000]")
        @Max(value = 100_000, message = "must be an integer in [0, 100000]")
        Integer probeEvery,
    @Min(value = 0, message = "must be an integer in [0, 100000]")
        @Max(value = 100_000, message = "must be an integer in [0, 100000]")
        Integer fullEvery,
    @Valid TargetRequest forgetTarget,
    BreachAction onBreach,
    @DecimalMin(value = "0", inclusive = false, message = "must be in (0, 0.5]")
        @DecimalMax(value = "0.5", message = "must be in (0, 0.5]")
        Double mixTolerance,
    @Min(value = 1, message = "must be an integer in [1, 32]")
        @Max(value = 32, message = "must be an integer in [1, 32]")
        Integer mixMaxIterations,
    @DecimalMin(value = "0", inclusive = false, message = "must be in (0, 1000000]")
        @DecimalMax(value = "1000000", message = "must be in (0, 1000000]")
        Double maxGradNorm,
    @Min(value = 1, message = "must be an integer in [1, 1000000]")
        @Max(value = 1_000_000, message = "must be an integer in [1, 1000000]")
        Integer maxSteps) {

  /** Default floor: TOFU model utility may drop at most 10 % below the baseline. */
  public static final UtilityFloor DEFAULT_FLOOR = new UtilityFloor("tofu.model_utility@1", 0.1);

  /**
   * A floor: {@code metricId} ≥ (1 − maxRelativeDrop) × baseline. A drop of 0 would halt on the
   * first evaluation noise, above 1 the floor would be negative and never bind.
   */
  public record FloorRequest(
      @NotBlank
          @Size(max = 128, message = "must be at most 128 characters")
          @Pattern(
              regexp = "[a-z_]+\\.[a-z0-9_]+@[0-9]+(/[a-z_]+)?",
              message = "metricId looks like tofu.model_utility@1")
          String metricId,
      @DecimalMin(value = "0", inclusive = false, message = "must be in (0, 1]")
          @DecimalMax(value = "1", message = "must be in (0, 1]")
          double maxRelativeDrop) {}

  /** Optional forget target; the threshold is a finite metric value. */
  public record TargetRequest(
      @NotBlank
          @Size(max = 128, message = "must be at most 128 characters")
          @Pattern(
              regexp = "[a-z_]+\\.[a-z0-9_]+@[0-9]+(/[a-z_]+)?",
              message = "metricId looks like cl.forget_efficacy@1")
          String metricId,
      @DecimalMin(value = "-1000000", message = "must be in [-1000000, 1000000]")
          @DecimalMax(value = "1000000", message = "must be in [-1000000, 1000000]")
          double threshold,
      boolean higherIsBetter) {}

  ControlPolicy toPolicy() {
    List<UtilityFloor> resolvedFloors =
        floors == null || floors.isEmpty()
            ? List.of(DEFAULT_FLOOR)
            : floors.stream()
                .map(f -> new UtilityFloor(f.metricId(), f.maxRelativeDrop()))
                .toList();
    return new ControlPolicy(
        resolvedFloors,
        probeEvery == null ? 1 : probeEvery,
        fullEvery == null ? 5 : fullEvery,
        forgetTarget == null
            ? null
            : new ForgetTarget(
                forgetTarget.metricId(), forgetTarget.threshold(), forgetTarget.higherIsBetter()),
        onBreach == null ? BreachAction.HALT : onBreach,
        mixTolerance == null ? 0.05 : mixTolerance,
        mixMaxIterations == null ? 6 : mixMaxIterations,
        maxGradNorm == null ? 1.0e4 : maxGradNorm,
        maxSteps == null ? 10_000 : maxSteps);
  }

  /** The policy when a request gives none. */
  static ControlPolicy defaults() {
    return new PolicyRequest(null, null, null, null, null, null, null, null, null).toPolicy();
  }
}
