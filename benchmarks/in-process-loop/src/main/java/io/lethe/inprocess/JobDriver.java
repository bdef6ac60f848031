package io.lethe.inprocess;

import io.lethe.schemas.events.CheckpointEvent;
import io.lethe.trainer.service.SegmentOutcome;
import java.util.Optional;

/** Carries one job through the loop until the controller (or the schedule) ends it. */
interface JobDriver {

  /** Runs {@code job} to its end. */
  void run(ControlledJob job, InProcessTrainer trainer, InProcessEvaluator evaluator)
      throws InterruptedException;

  /**
   * Reports a segment's outcome to the job, as the trainer publishes it on {@code checkpoints} or
   * {@code step-failures}; the checkpoint, if there is one, is what the generator gets next.
   */
  static Optional<CheckpointEvent> report(ControlledJob job, SegmentOutcome outcome) {
    if (outcome instanceof SegmentOutcome.Published published) {
      job.onCheckpoint(published.event());
      return Optional.of(published.event());
    }
    job.onFailure(((SegmentOutcome.Failed) outcome).event());
    return Optional.empty();
  }
}
