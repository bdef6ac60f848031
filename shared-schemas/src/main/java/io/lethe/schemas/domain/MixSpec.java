package io.lethe.schemas.domain;

/**
 * Model mixing θ = (1 − α)·θ_base + α·θ_other over every parameter (methods.md §2.4, UwC
 * calibration).
 *
 * @param base the starting checkpoint (α = 0 gives it back)
 * @param other the unlearned checkpoint (α = 1 gives it back)
 * @param alpha mixing weight in [0, 1]
 */
public record MixSpec(ModelRef base, ModelRef other, double alpha) {}
