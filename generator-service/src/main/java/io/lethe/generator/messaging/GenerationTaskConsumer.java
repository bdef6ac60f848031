package io.lethe.generator.messaging;

import io.lethe.generator.GenerationTask;
import io.lethe.generator.GeneratorTopics;
import io.lethe.generator.metrics.GeneratorMeters;
import io.lethe.generator.service.CheckpointRejectedException;
import io.lethe.generator.service.GenerationService;
import io.lethe.service.messaging.InboundEvents;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Executes shard tasks from {@code generation-tasks} (consumer group {@code lethe-generator-tasks}:
 * every replica takes a share of the partitions) and publishes each result on {@code generations}.
 *
 * <p>One task at a time per replica, on a worker thread (inference is CPU/GPU-bound; a second
 * concurrent shard would only compete for the same cores). A task is acked only after its shard is
 * on the broker, so a replica that dies mid-shard loses nothing: the task is redelivered to another
 * replica. Poison tasks, and tasks whose model fails verification, go to {@code
 * generation-tasks-dlq}.
 */
@ApplicationScoped
public class GenerationTaskConsumer {

  private static final Logger LOG = Logger.getLogger(GenerationTaskConsumer.class);

  private final InboundEvents inbound;
  private final GenerationService generation;
  private final GenerationPublisher generations;
  private final GeneratorMeters meters;

  public GenerationTaskConsumer(
      InboundEvents inbound,
      GenerationService generation,
      GenerationPublisher generations,
      GeneratorMeters meters) {
    this.inbound = inbound;
    this.generation = generation;
    this.generations = generations;
    this.meters = meters;
    inbound.register(GeneratorTopics.GENERATION_TASKS);
  }

  @Incoming("generation-tasks")
  @Blocking(ordered = true)
  public CompletionStage<Void> consume(Message<String> message) {
    return inbound.handle(
        GeneratorTopics.GENERATION_TASKS,
        message,
        GenerationTask.class,
        task -> {
          GenerationService.Outcome outcome;
          try {
            outcome = generation.run(task);
          } catch (CheckpointRejectedException e) {
            meters.checkpointRejected(e.reason());
            LOG.errorf(
                "job %s: shard task %s rejected (%s): %s",
                task.jobId(), task.partitionKey(), e.reason().tag(), e.getMessage());
            throw e;
          }
          return generations
              .publish(outcome.event())
              .invoke(() -> meters.shardPublished(task.model(), task.kind(), outcome.cached()))
              .subscribeAsCompletionStage();
        });
  }
}
