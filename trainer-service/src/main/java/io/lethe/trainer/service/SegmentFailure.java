package io.lethe.trainer.service;

/**
 * A segment that cannot be completed for a known reason; the executor turns it into a {@code
 * StepFailedEvent} and the service keeps running.
 */
public final class SegmentFailure extends Exception {

  private final FailureCategory category;
  private final long step;

  public SegmentFailure(FailureCategory category, long step, String reason) {
    super(reason);
    this.category = category;
    this.step = step;
  }

  public SegmentFailure(FailureCategory category, long step, String reason, Throwable cause) {
    super(reason, cause);
    this.category = category;
    this.step = step;
  }

  /** The category. */
  public FailureCategory category() {
    return category;
  }

  /** The optimizer step at which it failed. */
  public long step() {
    return step;
  }
}
