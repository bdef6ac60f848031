package io.lethe.schemas.domain;

import java.util.List;

/**
 * How the controller guards a job (architecture.md, "The controller").
 *
 * @param floors utility floors relative to the step-0 baseline
 * @param probeEvery probe evaluation every k optimizer steps (0 = never)
 * @param fullEvery full evaluation every k optimizer steps (0 = only at the end)
 * @param forgetTarget optional target that completes the job when reached
 * @param onBreach HALT (rollback to best) or MIX (bisection on α)
 * @param mixTolerance bisection stops when the α interval is narrower than this
 * @param mixMaxIterations bisection budget
 * @param maxGradNorm guard: a gradient norm above this halts the job
 * @param maxSteps budget: optimizer steps at most
 */
public record ControlPolicy(
    List<UtilityFloor> floors,
    int probeEvery,
    int fullEvery,
    ForgetTarget forgetTarget,
    BreachAction onBreach,
    double mixTolerance,
    int mixMaxIterations,
    double maxGradNorm,
    int maxSteps) {}
