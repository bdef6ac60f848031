package io.lethe.service.messaging;

import io.lethe.schemas.LetheEvent;
import io.lethe.schemas.json.EventValidator;
import io.lethe.schemas.json.MalformedEventException;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * How every Lethe consumer reads a Kafka record: values arrive as strings and are parsed here, so a
 * poison payload is nacked into the topic's dead-letter queue byte for byte (a failing Kafka
 * deserializer would hand the DLQ a null value instead) and the consumer goes on with the next
 * record. Counts both outcomes per topic.
 */
@ApplicationScoped
public class InboundEvents {

  private static final Logger LOG = Logger.getLogger(InboundEvents.class);
  private static final int RETRY_ATTEMPTS = 5;
  private static final Duration RETRY_INITIAL_BACKOFF = Duration.ofMillis(200);
  private static final Duration RETRY_MAX_BACKOFF = Duration.ofSeconds(5);

  private final MeterRegistry registry;

  public InboundEvents(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * Registers the counters of {@code topic} at zero, so dashboards and alerts see the series before
   * the first event (Prometheus cannot tell "no events" from "no such service" otherwise).
   */
  public void register(String topic) {
    for (String outcome : new String[] {"processed", "dead_lettered", "failed"}) {
      registry.counter("lethe.events.consumed", "topic", topic, "outcome", outcome);
    }
  }

  /**
   * Parses {@code message} as {@code type} and runs {@code handler}; acks when the handler's stage
   * completes. Malformed input (unparseable JSON, missing envelope, or a {@link
   * MalformedEventException} thrown by the handler for an invalid but well-formed event) is nacked
   * → dead-letter queue. Any other failure is nacked too, after being logged: the failure strategy
   * of the channel decides (DLQ in Lethe), never a crash loop.
   */
  public <T extends LetheEvent> CompletionStage<Void> handle(
      String topic,
      Message<String> message,
      Class<T> type,
      Function<T, CompletionStage<Void>> handler) {
    T event;
    try {
      event = EventValidator.parse(message.getPayload(), type);
    } catch (MalformedEventException e) {
      return deadLetter(topic, message, e);
    }
    // A transient failure (database busy, broker hiccup) is retried with backoff before the event
    // is given up on;
    // poison is never retried: it would fail the same way every time.
    CompletionStage<Void> outcome =
        Uni.createFrom()
            .completionStage(() -> handler.apply(event))
            .onFailure(e -> !(unwrap(e) instanceof MalformedEventException))
            .retry()
            .withBackOff(RETRY_INITIAL_BACKOFF, RETRY_MAX_BACKOFF)
            .atMost(RETRY_ATTEMPTS)
            .subscribeAsCompletionStage();
    return outcome
        .handle(
            (ok, error) -> {
              if (error == null) {
                count(topic, "processed");
                return message.ack();
              }
              Throwable cause = unwrap(error);
              return cause instanceof MalformedEventException
                  ? deadLetter(topic, message, cause)
                  : failed(topic, message, cause);
            })
        .thenCompose(stage -> stage);
  }

  private CompletionStage<Void> deadLetter(String topic, Message<String> message, Throwable e) {
    LOG.warnf("poison event on %s sent to the dead-letter queue: %s", topic, e.getMessage());
    count(topic, "dead_lettered");
    return message.nack(e);
  }

  private CompletionStage<Void> failed(String topic, Message<String> message, Throwable e) {
    LOG.errorf(e, "event on %s could not be processed", topic);
    count(topic, "failed");
    return message.nack(e);
  }

  private void count(String topic, String outcome) {
    registry.counter("lethe.events.consumed", "topic", topic, "outcome", outcome).increment();
  }

  private static Throwable unwrap(Throwable error) {
    Throwable t = error;
    while ((t instanceof java.util.concurrent.CompletionException
            || t instanceof java.util.concurrent.ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
