package io.lethe.evaluator.messaging;

import io.lethe.evaluator.service.EvaluationService;
import io.lethe.schemas.Topics;
import io.lethe.schemas.events.GenerationEvent;
import io.lethe.service.messaging.InboundEvents;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads generation shards off {@code generations} and hands them to the evaluation pipeline. Poison
 * goes to {@code generations-dlq}.
 *
 * <p>{@link InboundEvents} acks a message when its handler completes, but a shard may only be acked
 * once the evaluation containing it is published (so a crash mid-assembly loses nothing). It
 * therefore gets a copy of the record whose ack does nothing and whose nack is the record's own
 * (poison still reaches the dead-letter queue byte for byte); the record itself goes to the {@link
 * EvaluationService}, which acks it after publication. Handing over returns at once, so the next
 * shard is read while earlier ones are held.
 */
@ApplicationScoped
public class GenerationConsumer {

  private final InboundEvents inbound;
  private final EvaluationService evaluations;

  public GenerationConsumer(InboundEvents inbound, EvaluationService evaluations) {
    this.inbound = inbound;
    inbound.register(Topics.GENERATIONS);
    this.evaluations = evaluations;
  }

  @Incoming("generations")
  public CompletionStage<Void> consume(Message<String> message) {
    Message<String> ackHeldByAssembler =
        Message.of(
            message.getPayload(),
            message.getMetadata(),
            () -> CompletableFuture.completedFuture(null),
            message::nack);
    return inbound.handle(
        Topics.GENERATIONS,
        ackHeldByAssembler,
        GenerationEvent.class,
        shard -> {
          evaluations.accept(shard, message);
          return CompletableFuture.completedFuture(null);
        });
  }
}
