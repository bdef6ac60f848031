package io.lethe.trainer.service;

import java.util.Locale;

/**
 * Why a segment could not be trained, as {@code StepFailedEvent.category} names it: the controller
 * halts or fails the job on it, Grafana counts it.
 */
public enum FailureCategory {
  /** A loss term was NaN or infinite. */
  NON_FINITE_LOSS,
  /** The global gradient norm was NaN or infinite. */
  NON_FINITE_GRADIENT,
  /**
   * A referenced checkpoint's weights do not hash to the SHA-256 the command names, or it is gone.
   */
  CHECKPOINT_REJECTED,
  /** Anything else that went wrong while executing the segment. */
  TRAINING_ERROR;

  /** The bounded metric tag value, e.g. {@code non_finite_loss}. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
