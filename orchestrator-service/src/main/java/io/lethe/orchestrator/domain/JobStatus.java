package io.lethe.orchestrator.domain;

import io.lethe.schemas.domain.Decision;

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
  CANCELLED;

  /** The status a job ends in when the controller decides {@code decision} (one that ends it). */
  public static JobStatus endedBy(Decision decision) {
    return switch (decision) {
      case COMPLETE -> COMPLETED;
      case FAIL -> FAILED;
      default -> HALTED;
    };
  }
}
