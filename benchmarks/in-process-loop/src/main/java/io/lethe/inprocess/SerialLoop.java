package io.lethe.inprocess;

import io.lethe.schemas.events.CheckpointEvent;
import io.lethe.schemas.events.UnlearningStepCommand;
import java.util.Optional;

/** {@link LoopMode#SERIAL}: one thread; train, evaluate, decide, repeat. */
final class SerialLoop implements JobDriver {

  @Override
  public void run(ControlledJob job, InProcessTrainer trainer, InProcessEvaluator evaluator) {
    Optional<UnlearningStepCommand> next = Optional.of(job.baseline());
    while (next.isPresent()) {
      Optional<CheckpointEvent> checkpoint = JobDriver.report(job, trainer.execute(next.get()));
      checkpoint.flatMap(evaluator::evaluate).ifPresent(job::onEvaluation);
      // with no run-ahead the next segment is due only once this checkpoint has been decided on
      next = job.nextSegment();
    }
  }
}
