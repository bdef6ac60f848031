package io.lethe.ml.model;

/**
 * What role a named parameter plays; it decides its initialisation and whether AdamW decays it (HF
 * excludes biases and norm weights from weight decay).
 */
public enum ParameterKind {
  /** Token embedding matrix (V, d): normal(0, initializer_range), decayed. */
  EMBEDDING,
  /**
   * Projection matrix (out, in), HF {@code nn.Linear} layout: normal(0, initializer_range),
   * decayed.
   */
  LINEAR_WEIGHT,
  /** Projection bias: zeros, not decayed. */
  BIAS,
  /** RMSNorm gain: ones, not decayed. */
  NORM_WEIGHT;

  /** Whether decoupled weight decay applies (HF {@code get_decay_parameter_names}). */
  public boolean decayed() {
    return this == EMBEDDING || this == LINEAR_WEIGHT;
  }
}
