package io.lethe.inprocess;

import io.lethe.ml.model.DeviceChoice;
import io.lethe.schemas.events.UnlearningStepCommand;
import io.lethe.trainer.service.SegmentExecutor;
import io.lethe.trainer.service.SegmentOutcome;
import io.lethe.trainer.training.TrainingObserver;
import java.nio.file.Path;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * The trainer service without {@code unlearning-steps}: its {@link SegmentExecutor}, built as
 * {@code SegmentService} builds it, executes each command directly. The trainer's time is summed
 * from the checkpoints' own timings (model load, training, save), as LoopCostBenchmark sums it.
 */
final class InProcessTrainer implements AutoCloseable {

  /** {@code lethe.trainer.device} of the trainer's application.properties. */
  static final String DEVICE = "auto";

  /**
   * {@code lethe.trainer.pytorch-threads} of the trainer's application.properties outside tests: 0,
   * PyTorch's default.
   */
  static final int PYTORCH_THREADS = 0;

  private final SegmentExecutor executor;
  private final DoubleAdder seconds = new DoubleAdder();

  /** A trainer writing to the checkpoint store under {@code checkpointRoot}. */
  InProcessTrainer(Path checkpointRoot) {
    this.executor =
        new SegmentExecutor(
            checkpointRoot, DeviceChoice.parse(DEVICE), PYTORCH_THREADS, TrainingObserver.NONE);
  }

  /** Executes {@code command}, as the trainer does on receiving it. */
  SegmentOutcome execute(UnlearningStepCommand command) {
    SegmentOutcome outcome = executor.execute(command);
    if (outcome instanceof SegmentOutcome.Published published) {
      seconds.add(published.event().seconds());
    }
    return outcome;
  }

  /** Seconds the executed segments took by their own account. */
  double seconds() {
    return seconds.sum();
  }

  @Override
  public void close() {
    executor.close();
  }
}
