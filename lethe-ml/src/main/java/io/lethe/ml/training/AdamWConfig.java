package io.lethe.ml.training;

/**
 * Hyperparameters of AdamW as the reference runs use them (methods.md §1.4, §5: β1 0.9, β2 0.999, ε
 * 1e-8, decoupled weight decay 0.01 on every parameter except biases and norm weights).
 *
 * @param beta1 decay of the first moment
 * @param beta2 decay of the second moment
 * @param epsilon added to the bias-corrected RMS
 * @param weightDecay decoupled decay coefficient (multiplied by the learning rate)
 */
public record AdamWConfig(double beta1, double beta2, double epsilon, double weightDecay) {

  public AdamWConfig {
    if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
      throw new IllegalArgumentException("betas must be in [0, 1)");
    }
    if (!(epsilon > 0) || weightDecay < 0) {
      throw new IllegalArgumentException("epsilon must be > 0 and weight decay ≥ 0");
    }
  }

  /** β1 0.9, β2 0.999, ε 1e-8, weight decay 0.01. */
  public static AdamWConfig defaults() {
    return new AdamWConfig(0.9, 0.999, 1e-8, 0.01);
  }
}
