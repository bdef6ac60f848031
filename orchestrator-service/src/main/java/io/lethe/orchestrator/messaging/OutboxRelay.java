package io.lethe.orchestrator.messaging;

import io.lethe.orchestrator.repository.OutboxMessage;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes the outbox to Kafka. Rows are taken in id order under a row lock, sent one by one (each
 * send waits for the broker's acknowledgement with acks=all on an idempotent producer), then marked
 * sent in the same transaction. A crash between send and commit re-sends the row on the next run:
 * delivery is at least once, and every consumer is idempotent by eventId, so the effect is exactly
 * once.
 */
@ApplicationScoped
public class OutboxRelay {

  private final MutinyEmitter<String> emitter;
  private final MeterRegistry registry;
  private final int batchSize;

  public OutboxRelay(
      @Channel("outbox") MutinyEmitter<String> emitter,
      MeterRegistry registry,
      @ConfigProperty(name = "lethe.outbox.batch-size", defaultValue = "100") int batchSize) {
    this.emitter = emitter;
    this.registry = registry;
    this.batchSize = batchSize;
  }

  @Scheduled(
      every = "${lethe.outbox.poll-interval:200ms}",
      // let reactive messaging finish wiring the emitter's channel before the first run
      delayed = "${lethe.outbox.initial-delay:2s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> relay() {
    return Panache.withTransaction(
        () ->
            OutboxMessage.<OutboxMessage>find("sentAt is null order by id")
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .page(0, batchSize)
                .list()
                .flatMap(this::publishInOrder));
  }

  private Uni<Void> publishInOrder(List<OutboxMessage> pending) {
    return Multi.createFrom()
        .iterable(pending)
        .onItem()
        .transformToUniAndConcatenate(this::publish)
        .collect()
        .last()
        .replaceWithVoid();
  }

  private Uni<OutboxMessage> publish(OutboxMessage row) {
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
