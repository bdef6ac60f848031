package io.lethe.trainer.service;

import io.lethe.schemas.events.CheckpointEvent;
import io.lethe.schemas.events.StepFailedEvent;

/** What executing one segment command produced: a checkpoint to publish, or a failure. */
public sealed interface SegmentOutcome {

  /**
   * A checkpoint event to publish.
   *
   * @param event the event
   * @param replayed true when the segment had already been executed and this is its stored event
   *     (same event id), published again because the command was delivered again
   */
  record Published(CheckpointEvent event, boolean replayed) implements SegmentOutcome {}

  /**
   * A failure to publish on {@code step-failures}.
   *
   * @param event the event
   * @param category its category
   */
  record Failed(StepFailedEvent event, FailureCategory category) implements SegmentOutcome {}
}
