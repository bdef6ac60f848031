package io.lethe.inprocess;

import io.lethe.schemas.events.CheckpointEvent;
import io.lethe.schemas.events.UnlearningStepCommand;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * {@link LoopMode#PIPELINED}: the trainer on its own thread, commanded by the job as the
 * orchestrator commands it (one segment ahead of the latest decision), hands each checkpoint to the
 * evaluation on the calling thread, which decides on it. The two threads compete for the same
 * cores, as the services' processes do.
 */
final class PipelinedLoop implements JobDriver {

  /** Marks the end of the trainer's checkpoints. */
  private static final Optional<CheckpointEvent> NO_MORE = Optional.empty();

  @Override
  public void run(ControlledJob job, InProcessTrainer trainer, InProcessEvaluator evaluator)
      throws InterruptedException {
    BlockingQueue<Optional<CheckpointEvent>> checkpoints = new LinkedBlockingQueue<>();
    FutureTask<Void> training =
        new FutureTask<>(
            () -> {
              try {
                Optional<UnlearningStepCommand> next = Optional.of(job.baseline());
                while (next.isPresent()) {
                  JobDriver.report(job, trainer.execute(next.get()))
                      .ifPresent(c -> checkpoints.add(Optional.of(c)));
                  next = job.awaitNextSegment();
                }
              } finally {
                checkpoints.add(NO_MORE);
              }
              return null;
            });
    Thread trainerThread = new Thread(training, "in-process-trainer");
    trainerThread.start();
    try {
      for (Optional<CheckpointEvent> c = checkpoints.take();
          c.isPresent();
          c = checkpoints.take()) {
        if (!job.ended()) {
          // a checkpoint trained ahead of a decision that ended the job is discarded unevaluated
          evaluator.evaluate(c.get()).ifPresent(job::onEvaluation);
        }
      }
    } catch (RuntimeException e) {
      job.abort("evaluation failed: " + e);
      throw e;
    } finally {
      trainerThread.join();
    }
    try {
      training.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("the trainer's thread failed", e.getCause());
    }
  }
}
