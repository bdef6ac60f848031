package io.lethe.generator.messaging;

import io.lethe.schemas.events.GenerationEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes generation shards on {@code generations}, keyed by jobId so one job's shards stay in
 * one partition for the evaluator. Completes when the broker holds the record ({@code acks=all},
 * idempotent producer), which is when the shard task may be acked.
 */
@ApplicationScoped
public class GenerationPublisher {

  private final MutinyEmitter<GenerationEvent> emitter;

  public GenerationPublisher(@Channel("generations") MutinyEmitter<GenerationEvent> emitter) {
    this.emitter = emitter;
  }

  /** Sends {@code event}; completes once the broker acknowledged it. */
  public Uni<Void> publish(GenerationEvent event) {
    return emitter.sendMessage(
        Message.of(event)
            .addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(event.jobId()).build()));
  }
}
