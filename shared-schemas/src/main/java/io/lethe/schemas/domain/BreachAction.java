package io.lethe.schemas.domain;

/** What the controller does when a utility floor is crossed. */
public enum BreachAction {
  /** Stop; the job's result is the last checkpoint that met every floor (rollback to best). */
  HALT,
  /** Bisect α of θ = (1 − α)·θ_base + α·θ_breach until the floors hold. */
  MIX
}
