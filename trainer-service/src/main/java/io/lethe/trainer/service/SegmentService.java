package io.lethe.trainer.service;

import io.lethe.ml.model.DeviceChoice;
import io.lethe.schemas.events.UnlearningStepCommand;
import io.lethe.trainer.config.TrainerConfig;
import io.lethe.trainer.health.PyTorchEngine;
import io.lethe.trainer.messaging.TrainerEventPublisher;
import io.lethe.trainer.metrics.TrainerMetrics;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Executes one validated segment command and publishes its outcome — a checkpoint or a failure —
 * before the command is acknowledged. A training failure is an outcome, not an error: it is
 * published and the trainer goes on with the next command.
 *
 * <p>Created at startup, so a trainer that cannot train (no PyTorch engine, {@code device=gpu}
 * without a GPU, an unknown device) fails to start instead of consuming commands it would fail.
 */
@Startup
@ApplicationScoped
public class SegmentService {

  private static final Logger LOG = Logger.getLogger(SegmentService.class);

  private final SegmentExecutor executor;
  private final TrainerEventPublisher publisher;
  private final TrainerMetrics metrics;

  public SegmentService(
      TrainerConfig config,
      TrainerEventPublisher publisher,
      TrainerMetrics metrics,
      PyTorchEngine engine) {
    if (!engine.loaded()) {
      throw new IllegalStateException(
          "cannot train without the PyTorch engine: " + engine.failure().orElse("unknown"));
    }
    DeviceChoice device = DeviceChoice.parse(config.device());
    LOG.infof(
        "training on %s, checkpoints in %s",
        device.resolve(), config.checkpointRoot().toAbsolutePath());
    this.executor =
        new SegmentExecutor(config.checkpointRoot(), device, config.pytorchThreads(), metrics);
    this.publisher = publisher;
    this.metrics = metrics;
  }

  /** Executes {@code command} (or finds it executed) and publishes the outcome. */
  public void execute(UnlearningStepCommand command) {
    SegmentOutcome outcome = executor.execute(command);
    if (outcome instanceof SegmentOutcome.Published published) {
      publisher.publish(published.event());
      metrics.checkpointPublished(published.event().kind());
    } else if (outcome instanceof SegmentOutcome.Failed failed) {
      publisher.publish(failed.event());
      metrics.failure(failed.category());
    }
  }

  /**
   * Frees the cached reference model and dataset: the next segment starts as on a freshly started
   * trainer.
   */
  public void releaseCaches() {
    executor.releaseCaches();
  }

  @PreDestroy
  void close() {
    executor.close();
  }
}
