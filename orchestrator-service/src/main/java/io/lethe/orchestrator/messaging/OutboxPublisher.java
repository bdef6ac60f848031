package io.lethe.orchestrator.messaging;

import io.lethe.orchestrator.repository.OutboxMessage;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Sends one outbox row to its topic and waits for the broker's acknowledgement (acks=all,
 * idempotent producer).
 */
@ApplicationScoped
public class OutboxPublisher {

  private final MutinyEmitter<String> emitter;
  private final MeterRegistry registry;

  public OutboxPublisher(@Channel("outbox") MutinyEmitter<String> emitter, MeterRegistry registry) {
    this.emitter = emitter;
    this.registry = registry;
  }

  /** Whether the Kafka sink is connected and accepting records. */
  boolean ready() {
    return emitter.hasRequests();
  }

  /** Publishes {@code row} keyed by its job; marks it sent once acknowledged. */
  Uni<OutboxMessage> publish(OutboxMessage row) {
    Message<String> message =
        Message.of(row.payload)
            .addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder()
                    .withTopic(row.topic)
                    .withKey(row.messageKey)
                    .build());
    return emitter
        .sendMessage(message)
        .map(
            ignored -> {
              row.sentAt = Instant.now();
              registry.counter("lethe.outbox.published", "topic", row.topic).increment();
              return row;
            });
  }
}
