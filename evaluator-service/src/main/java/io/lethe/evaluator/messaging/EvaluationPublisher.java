package io.lethe.evaluator.messaging;

import io.lethe.schemas.events.EvaluationEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes evaluation events on {@code evaluations}, keyed by jobId so one job's evaluations stay
 * ordered in one partition. The returned {@link Uni} completes when the broker has the record
 * ({@code acks=all}, idempotent producer), which is when the shards' acks may be released.
 */
@ApplicationScoped
public class EvaluationPublisher {

  private final MutinyEmitter<EvaluationEvent> emitter;

  public EvaluationPublisher(@Channel("evaluations") MutinyEmitter<EvaluationEvent> emitter) {
    this.emitter = emitter;
  }

  /** Sends {@code event}; completes once the broker acknowledged it. */
  public Uni<Void> publish(EvaluationEvent event) {
    return emitter.sendMessage(
        Message.of(event)
            .addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(event.jobId()).build()));
  }
}
