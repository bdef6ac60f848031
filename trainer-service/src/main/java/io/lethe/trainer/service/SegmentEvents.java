package io.lethe.trainer.service;

import io.lethe.schemas.events.CheckpointEvent;
import io.lethe.schemas.events.StepFailedEvent;
import io.lethe.schemas.events.UnlearningStepCommand;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the events a segment ends with, carrying over from the command what downstream services
 * need (dataset and evaluation plan for the generator, segment and kind for the orchestrator).
 */
final class SegmentEvents {

  private SegmentEvents() {}

  /**
   * The checkpoint event of {@code command}'s segment.
   *
   * @param startedNanos {@link System#nanoTime()} when the segment started
   */
  static CheckpointEvent checkpoint(
      UnlearningStepCommand command,
      int step,
      String uri,
      String sha256,
      String parentSha256,
      Map<String, Double> lossTerms,
      Double gradNorm,
      long tokens,
      long startedNanos,
      Double mixAlpha,
      Integer plannedSteps) {
    return new CheckpointEvent(
        UUID.randomUUID(),
        CheckpointEvent.SCHEMA_VERSION,
        command.jobId(),
        Instant.now(),
        step,
        command.segment(),
        command.kind(),
        uri,
        sha256,
        parentSha256,
        lossTerms,
        gradNorm,
        tokens,
        (System.nanoTime() - startedNanos) / 1e9,
        mixAlpha,
        command.dataset(),
        command.evaluation(),
        plannedSteps);
  }

  /** The failure event of {@code command}'s segment. */
  static StepFailedEvent failure(
      UnlearningStepCommand command, FailureCategory category, long step, String reason) {
    return new StepFailedEvent(
        UUID.randomUUID(),
        StepFailedEvent.SCHEMA_VERSION,
        command.jobId(),
        Instant.now(),
        (int) step,
        command.segment(),
        category.name(),
        reason);
  }
}
