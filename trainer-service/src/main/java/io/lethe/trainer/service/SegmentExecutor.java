package io.lethe.trainer.service;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import io.lethe.ml.checkpoint.CheckpointIntegrityException;
import io.lethe.ml.model.DeviceChoice;
import io.lethe.schemas.domain.JobKind;
import io.lethe.schemas.events.CheckpointEvent;
import io.lethe.schemas.events.UnlearningStepCommand;
import io.lethe.schemas.json.MalformedEventException;
import io.lethe.trainer.training.NonFiniteTrainingException;
import io.lethe.trainer.training.TrainingObserver;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Executes segment commands against the checkpoint store — everything the trainer does except
 * Kafka, so it can be tested, and restarted, on its own. Step 0 materialises the start model
 * ({@link StartSegment}), a training segment trains ({@link TrainingSegment}), MIX mixes ({@link
 * MixSegment}).
 *
 * <p>Idempotent by (jobId, segment) through {@link SegmentStore}: a committed segment is never
 * executed again, its stored event is returned instead. Failures (non-finite loss or gradient, a
 * checkpoint that fails its hash or is gone, anything else) come back as {@link
 * SegmentOutcome.Failed}; only a command that cannot be executed as written throws ({@link
 * MalformedEventException}, for the dead-letter queue).
 *
 * <p>One segment at a time ({@code synchronized}): PyTorch allows one gradient collector per JVM.
 */
public final class SegmentExecutor implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(SegmentExecutor.class);

  private final SegmentStore store;
  private final DeviceChoice deviceChoice;
  private final int threads;
  private final ReferenceModels references = new ReferenceModels();
  private final BenchmarkCache benchmarks = new BenchmarkCache();
  private final StartSegment start;
  private final TrainingSegment training;
  private final MixSegment mix;
  private Device device;

  /**
   * @param checkpointRoot root of the checkpoint store
   * @param deviceChoice where models run
   * @param threads PyTorch intra-op threads for training (0 = PyTorch's default)
   * @param observer told about every optimizer step
   */
  public SegmentExecutor(
      Path checkpointRoot, DeviceChoice deviceChoice, int threads, TrainingObserver observer) {
    this.store = new SegmentStore(checkpointRoot);
    this.deviceChoice = deviceChoice;
    this.threads = threads;
    SegmentResources resources =
        new SegmentResources(store, benchmarks, references, this::device, observer);
    this.start = new StartSegment(resources);
    this.training = new TrainingSegment(resources);
    this.mix = new MixSegment(resources);
  }

  /** The store the segments are written to. */
  public SegmentStore store() {
    return store;
  }

  /**
   * Executes {@code command} (or finds it already executed).
   *
   * @throws MalformedEventException if the command cannot be executed as written
   */
  public synchronized SegmentOutcome execute(UnlearningStepCommand command) {
    long started = System.nanoTime();
    try {
      Optional<CheckpointEvent> committed = store.committed(command.jobId(), command.segment());
      if (committed.isPresent()) {
        LOG.infof(
            "job %s segment %d was already executed: publishing its checkpoint again",
            command.jobId(), command.segment());
        return new SegmentOutcome.Published(committed.get(), true);
      }
      store.discardUncommitted(command.jobId(), command.segment());
      prepareThread();
      CheckpointEvent event =
          switch (command.kind()) {
            case MIX -> mix.run(command, started);
            case FINETUNE, UNLEARN ->
                command.toStep() == 0
                    ? start.run(command, started)
                    : training.run(command, started);
          };
      store.commit(event);
      LOG.infof(
          "job %s segment %d: %s checkpoint at step %d (%s) in %.1f s",
          command.jobId(),
          command.segment(),
          command.kind(),
          event.step(),
          event.sha256(),
          event.seconds());
      return new SegmentOutcome.Published(event, false);
    } catch (SegmentFailure f) {
      return failed(command, f.category(), f.step(), f.getMessage());
    } catch (NonFiniteTrainingException e) {
      FailureCategory category =
          e.kind() == NonFiniteTrainingException.Kind.LOSS
              ? FailureCategory.NON_FINITE_LOSS
              : FailureCategory.NON_FINITE_GRADIENT;
      return failed(command, category, e.step(), e.getMessage());
    } catch (CheckpointIntegrityException e) {
      return failed(
          command, FailureCategory.CHECKPOINT_REJECTED, failureStep(command), e.getMessage());
    } catch (MalformedEventException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      LOG.errorf(e, "job %s segment %d failed", command.jobId(), command.segment());
      return failed(command, FailureCategory.TRAINING_ERROR, failureStep(command), describe(e));
    }
  }

  /** Frees the cached reference model and dataset (a restarted trainer starts like this). */
  public synchronized void releaseCaches() {
    references.close();
    benchmarks.clear();
  }

  @Override
  public void close() {
    releaseCaches();
  }

  private static SegmentOutcome failed(
      UnlearningStepCommand command, FailureCategory category, long step, String reason) {
    LOG.warnf(
        "job %s segment %d failed (%s) at step %d: %s",
        command.jobId(), command.segment(), category, step, reason);
    return new SegmentOutcome.Failed(
        SegmentEvents.failure(command, category, step, reason), category);
  }

  /** The step a failure outside the optimizer loop is reported at. */
  private static long failureStep(UnlearningStepCommand command) {
    return command.kind() == JobKind.MIX ? command.toStep() : command.fromStep();
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  private Device device() {
    if (device == null) {
      device = deviceChoice.resolve();
    }
    return device;
  }

  /**
   * Puts the calling thread in the state training expects. Both settings are per thread in PyTorch,
   * and a message-consumer thread is not the thread that loaded the engine: the intra-op thread
   * count is OpenMP's per-thread setting, and grad mode is on by default on every new thread while
   * DJL's engine switches it off only on the thread that created it. With it on, AdamW's in-place
   * update of a parameter that requires gradients is refused by autograd.
   */
  private void prepareThread() {
    if ("PyTorch".equals(Engine.getInstance().getEngineName())) {
      JniUtils.setGradMode(false);
      if (threads > 0) {
        JniUtils.setNumThreads(threads);
      }
    }
  }
}
