package io.lethe.trainer.service;

import io.lethe.data.ForgetSplit;
import io.lethe.schemas.domain.DatasetRef;
import io.lethe.schemas.domain.JobKind;
import io.lethe.schemas.domain.ModelRef;
import io.lethe.schemas.events.UnlearningStepCommand;
import io.lethe.schemas.json.MalformedEventException;
import io.lethe.trainer.training.HyperparameterResolver;
import io.lethe.trainer.training.TrainingRows;
import io.lethe.unlearning.method.UnlearningMethod;
import java.util.List;
import java.util.Locale;

/**
 * Rejects a well-formed but unusable segment command before any training starts, so it is
 * dead-lettered with a clear reason instead of failing half-way through a segment: unknown kind,
 * method, preset, split or {@code trainOn}, impossible step ranges or hyperparameters, checkpoint
 * URIs outside the file system, unsafe job ids.
 */
public final class SegmentCommandValidator {

  /** The model presets a job can start from. */
  public static final List<String> PRESETS = List.of("micro", "tiny");

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
    try {
      SegmentStore.requireSafe(command.jobId());
    } catch (IllegalArgumentException e) {
      throw invalid(command, e.getMessage());
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
        requireCheckpoint(command, "mix.base", command.mix().base());
        requireCheckpoint(command, "mix.other", command.mix().other());
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
    if (command.toStep() > 0 && command.toStep() == command.fromStep()) {
      throw invalid(
          command,
          "a training segment covers at least one step, got "
              + command.fromStep()
              + ".."
              + command.toStep());
    }
    ModelRef start = command.startModel();
    if (ModelRefs.isCheckpoint(start)) {
      requireCheckpoint(command, "startModel", start);
    } else if (start.preset() == null
        || !PRESETS.contains(start.preset().trim().toLowerCase(Locale.ROOT))) {
      throw invalid(
          command, "startModel needs a checkpoint uri or a preset " + PRESETS + ", got " + start);
    }
    if (command.resumeFrom() != null) {
      requireCheckpoint(command, "resumeFrom", command.resumeFrom());
    }
    if (command.referenceModel() != null && ModelRefs.isCheckpoint(command.referenceModel())) {
      requireCheckpoint(command, "referenceModel", command.referenceModel());
    }
    requireDataset(command, command.dataset());
    try {
      if (command.kind() == JobKind.UNLEARN) {
        HyperparameterResolver.unlearn(
            UnlearningMethod.parse(command.method()), command.hyperparameters(), Integer.MAX_VALUE);
      } else {
        HyperparameterResolver.finetune(
            command.hyperparameters(), !ModelRefs.isCheckpoint(start), Integer.MAX_VALUE);
      }
    } catch (IllegalArgumentException e) {
      throw invalid(command, e.getMessage());
    }
    Double rho = command.hyperparameters() == null ? null : command.hyperparameters().capRho();
    if (rho != null && !(rho >= 0 && rho <= 1)) {
      throw invalid(command, "capRho must be in [0, 1], got " + rho);
    }
  }

  private static void requireDataset(UnlearningStepCommand command, DatasetRef dataset) {
    if (!dataset.source().equals("builtin") && !dataset.source().equals("tofu")) {
      throw invalid(command, "dataset.source must be builtin or tofu, got " + dataset.source());
    }
    try {
      if (dataset.split() != null) {
        ForgetSplit.parse(dataset.split());
      }
    } catch (IllegalArgumentException e) {
      throw invalid(command, e.getMessage());
    }
    if (dataset.task() != null && dataset.task() < 1) {
      throw invalid(command, "dataset.task must be ≥ 1, got " + dataset.task());
    }
    String trainOn = TrainingRows.normalise(dataset.trainOn());
    if (!trainOn.equals(TrainingRows.FULL) && !trainOn.equals(TrainingRows.RETAIN)) {
      throw invalid(command, "dataset.trainOn must be full or retain, got " + dataset.trainOn());
    }
  }

  private static void requireCheckpoint(UnlearningStepCommand command, String field, ModelRef ref) {
    if (!ModelRefs.isCheckpoint(ref)) {
      throw invalid(command, field + " must name a checkpoint uri");
    }
    try {
      ModelRefs.directory(ref);
    } catch (IllegalArgumentException e) {
      throw invalid(command, field + ": " + e.getMessage());
    }
  }

  private static MalformedEventException invalid(UnlearningStepCommand command, String reason) {
    return new MalformedEventException(
        "segment command " + command.eventId() + " of job " + command.jobId() + ": " + reason);
  }
}
