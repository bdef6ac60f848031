package io.lethe.schemas.domain;

/** A decision of the controller. */
public enum Decision {
  /** Train the next segment. */
  CONTINUE,
  /** Stop; the result is the last checkpoint that met every floor. */
  HALT,
  /** Move the job's result back to an earlier checkpoint (reported with HALT's result). */
  ROLLBACK,
  /** Try a mixed model θ = (1 − α)·θ_base + α·θ_breach. */
  MIX,
  /** Done: budget used or forget target reached with every floor met. */
  COMPLETE,
  /** The job cannot go on (non-finite loss, refused checkpoint, …). */
  FAIL
}
