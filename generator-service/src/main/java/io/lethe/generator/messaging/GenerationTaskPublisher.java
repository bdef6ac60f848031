package io.lethe.generator.messaging;

import io.lethe.generator.GenerationTask;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes shard tasks on {@code generation-tasks}, keyed by the shard's place ({@code
 * jobId/step/model/set/shard}) so the tasks of one evaluation spread over the topic's partitions
 * and thus over the generator replicas. Completes when the broker holds every task ({@code
 * acks=all}, idempotent producer): only then may the checkpoint event be acked.
 */
@ApplicationScoped
public class GenerationTaskPublisher {

  /**
   * Sends in flight at once: bounded so a plan of thousands of shards never overflows the emitter.
   */
  private static final int IN_FLIGHT = 64;

  private final MutinyEmitter<GenerationTask> emitter;

  public GenerationTaskPublisher(
      @Channel("generation-tasks-out") MutinyEmitter<GenerationTask> emitter) {
    this.emitter = emitter;
  }

  /** Sends every task; completes once the broker acknowledged all of them. */
  public Uni<Void> publishAll(List<GenerationTask> tasks) {
    if (tasks.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return Multi.createFrom()
        .iterable(tasks)
        .onItem()
        .transformToUni(this::publish)
        .merge(IN_FLIGHT)
        .collect()
        .last()
        .replaceWithVoid();
  }

  private Uni<Void> publish(GenerationTask task) {
    return emitter.sendMessage(
        Message.of(task)
            .addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder()
                    .withKey(task.partitionKey())
                    .build()));
  }
}
