package io.lethe.generator.messaging;

import io.lethe.generator.GenerationTask;
import io.lethe.generator.metrics.GeneratorMeters;
import io.lethe.generator.service.CheckpointRejectedException;
import io.lethe.generator.service.ShardTaskPlanning;
import io.lethe.schemas.Topics;
import io.lethe.schemas.events.CheckpointEvent;
import io.lethe.service.messaging.InboundEvents;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Reads checkpoint events off {@code checkpoints} and turns each requested evaluation into shard
 * tasks on {@code generation-tasks}, which the task consumers of all generator replicas share.
 *
 * <p>The checkpoint is acked only once the broker holds every task, so a crash mid-way re-plans it;
 * re-planned tasks carry the same ids and yield the same shards, which the evaluator counts once. A
 * checkpoint whose weights do not match its SHA-256 (or that cannot be read) is never evaluated:
 * the event is dead-lettered to {@code checkpoints-dlq} with the reason and counted in {@code
 * lethe.generation.checkpoints.rejected} — the orchestrator then gets no evaluation of it, and the
 * DLQ says why.
 */
@ApplicationScoped
public class CheckpointConsumer {

  private static final Logger LOG = Logger.getLogger(CheckpointConsumer.class);

  private final InboundEvents inbound;
  private final ShardTaskPlanning planning;
  private final GenerationTaskPublisher tasks;
  private final GeneratorMeters meters;

  public CheckpointConsumer(
      InboundEvents inbound,
      ShardTaskPlanning planning,
      GenerationTaskPublisher tasks,
      GeneratorMeters meters) {
    this.inbound = inbound;
    this.planning = planning;
    this.tasks = tasks;
    this.meters = meters;
    inbound.register(Topics.CHECKPOINTS);
  }

  @Incoming("checkpoints")
  @Blocking(ordered = true)
  public CompletionStage<Void> consume(Message<String> message) {
    return inbound.handle(
        Topics.CHECKPOINTS,
        message,
        CheckpointEvent.class,
        checkpoint -> {
          List<GenerationTask> planned;
          try {
            planned = planning.tasksFor(checkpoint);
          } catch (CheckpointRejectedException e) {
            meters.checkpointRejected(e.reason());
            LOG.errorf(
                "job %s: checkpoint of step %d rejected (%s): %s",
                checkpoint.jobId(), checkpoint.step(), e.reason().tag(), e.getMessage());
            throw e;
          }
          if (planned.isEmpty()) {
            LOG.debugf(
                "job %s: checkpoint of step %d needs no evaluation",
                checkpoint.jobId(), checkpoint.step());
          } else {
            LOG.infof(
                "job %s: %s evaluation of step %d planned as %d shard tasks",
                checkpoint.jobId(),
                checkpoint.evaluation().kind(),
                checkpoint.step(),
                planned.size());
          }
          return tasks.publishAll(planned).subscribeAsCompletionStage();
        });
  }
}
