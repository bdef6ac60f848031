package io.lethe.trainer.training;

/**
 * A step produced a NaN or infinite loss term or gradient norm: the segment stops there, its
 * weights are discarded, and the controller gets a failure event naming the step and the term
 * instead of a poisoned checkpoint.
 */
public final class NonFiniteTrainingException extends Exception {

  /** Whether a loss term or the gradient went non-finite. */
  public enum Kind {
    LOSS,
    GRADIENT
  }

  private final Kind kind;
  private final long step;
  private final String term;
  private final double value;

  public NonFiniteTrainingException(Kind kind, long step, String term, double value) {
    super(
        (kind == Kind.LOSS ? "loss term '" + term + "'" : "the global gradient norm")
            + " is "
            + value
            + " at optimizer step "
            + step);
    this.kind = kind;
    this.step = step;
    this.term = term;
    this.value = value;
  }

  /** Loss or gradient. */
  public Kind kind() {
    return kind;
  }

  /** The optimizer step (1-based) that went non-finite. */
  public long step() {
    return step;
  }

  /** The loss term ({@code forget}, {@code retain}, {@code total}), or {@code gradNorm}. */
  public String term() {
    return term;
  }

  /** The offending value (NaN or ±∞). */
  public double value() {
    return value;
  }
}
