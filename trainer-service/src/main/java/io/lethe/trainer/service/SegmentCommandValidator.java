package io.lethe.trainer.service;

import io.lethe.schemas.events.UnlearningStepCommand;
import io.lethe.schemas.json.MalformedEventException;

/**
 * Rejects a well-formed but unusable segment command before any training starts, so it is
 * dead-lettered with a clear reason instead of failing half-way through a segment.
 */
public final class SegmentCommandValidator {

  private SegmentCommandValidator() {}

  /**
   * Returns {@code command} if the trainer can execute it.
   *
   * @throws MalformedEventException naming what is wrong
   */
  public static UnlearningStepCommand requireExecutable(UnlearningStepCommand command) {
    if (command.kind() == null) {
      throw invalid(command, "kind is missing");
    }
    if (command.fromStep() < 0 || command.toStep() < command.fromStep()) {
      throw invalid(
          command,
          "steps must satisfy 0 ≤ fromStep ≤ toStep, got "
              + command.fromStep()
              + ".."
              + command.toStep());
    }
    switch (command.kind()) {
      case UNLEARN -> {
        if (command.method() == null || command.method().isBlank()) {
          throw invalid(command, "UNLEARN needs a method");
        }
        requireTrainingInputs(command);
      }
      case FINETUNE -> requireTrainingInputs(command);
      case MIX -> {
        if (command.mix() == null
            || command.mix().base() == null
            || command.mix().other() == null) {
          throw invalid(command, "MIX needs mix.base and mix.other");
        }
        if (!(command.mix().alpha() >= 0.0 && command.mix().alpha() <= 1.0)) {
          throw invalid(command, "mix.alpha must be in [0, 1], got " + command.mix().alpha());
        }
      }
    }
    return command;
  }

  private static void requireTrainingInputs(UnlearningStepCommand command) {
    if (command.startModel() == null) {
      throw invalid(command, command.kind() + " needs a startModel");
    }
    if (command.dataset() == null || command.dataset().source() == null) {
      throw invalid(command, command.kind() + " needs a dataset with a source");
    }
    if (command.fromStep() > 0 && command.resumeFrom() == null) {
      throw invalid(
          command, "a segment after step 0 needs resumeFrom (the checkpoint at fromStep)");
    }
  }

  private static MalformedEventException invalid(UnlearningStepCommand command, String reason) {
    return new MalformedEventException(
        "segment command " + command.eventId() + " of job " + command.jobId() + ": " + reason);
  }
}
