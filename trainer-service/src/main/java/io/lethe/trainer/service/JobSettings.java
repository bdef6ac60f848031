package io.lethe.trainer.service;

import io.lethe.data.UnlearningBenchmark;
import io.lethe.schemas.domain.JobKind;
import io.lethe.schemas.events.UnlearningStepCommand;
import io.lethe.trainer.training.HyperparameterResolver;
import io.lethe.trainer.training.ResolvedHyperparameters;
import io.lethe.trainer.training.StepPlan;
import io.lethe.trainer.training.TrainingRows;
import io.lethe.unlearning.method.UnlearningMethod;

/**
 * A job's resolved hyperparameters and step plan, computed the same way at every segment from the
 * command's snapshot and the data, so segment 0's {@code plannedSteps} and every later segment's
 * learning-rate schedule agree without any state kept between them.
 */
final class JobSettings {

  private JobSettings() {}

  /**
   * The hyperparameters of the command's job.
   *
   * @param fromScratch whether the job started from a preset
   * @param maxPositions the model's context ({@link Integer#MAX_VALUE} when only the plan matters)
   */
  static ResolvedHyperparameters resolve(
      UnlearningStepCommand command, boolean fromScratch, int maxPositions) {
    return command.kind() == JobKind.FINETUNE
        ? HyperparameterResolver.finetune(command.hyperparameters(), fromScratch, maxPositions)
        : HyperparameterResolver.unlearn(
            UnlearningMethod.parse(command.method()), command.hyperparameters(), maxPositions);
  }

  /** The job's step plan: training rows (FINETUNE) or forget rows (UNLEARN) per epoch. */
  static StepPlan plan(
      UnlearningStepCommand command, UnlearningBenchmark data, boolean fromScratch) {
    ResolvedHyperparameters hp = resolve(command, fromScratch, Integer.MAX_VALUE);
    int rows =
        command.kind() == JobKind.FINETUNE
            ? TrainingRows.finetune(data, command.dataset().trainOn()).size()
            : data.forget().size();
    return StepPlan.of(rows, hp);
  }
}
