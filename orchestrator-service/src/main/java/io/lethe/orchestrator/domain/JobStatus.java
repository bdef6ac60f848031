package io.lethe.orchestrator.domain;

/** Where a job is in its life. */
public enum JobStatus {
  /** Continual unlearning: waiting for the job it follows to end, whose result it starts from. */
  QUEUED,
  /** Accepted and persisted; its first command is in the outbox. */
  SUBMITTED,
  /** Training and evaluating. */
  RUNNING,
  /**
   * Stopped by the controller (floor crossed, guard tripped); its result is the best checkpoint.
   */
  HALTED,
  /** Finished within budget with every floor met. */
  COMPLETED,
  /** Could not go on (non-finite loss, refused checkpoint, …). */
  FAILED,
  /** Cancelled by a user. */
  CANCELLED
}
