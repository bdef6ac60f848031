package io.lethe.orchestrator.messaging;

import io.lethe.orchestrator.repository.OutboxMessage;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox to Kafka. Rows are taken in id order under a row lock, sent one by one (each
 * send waits for the broker's acknowledgement with acks=all on an idempotent producer), then marked
 * sent in the same transaction. A crash between send and commit re-sends the row on the next run:
 * delivery is at least once, and every consumer is idempotent by eventId, so the effect is exactly
 * once.
 */
@ApplicationScoped
public class OutboxRelay {

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

  // looked up per run: the emitter's channel is wired by reactive messaging during start-up,
  // possibly
  // after the scheduler's first tick, and a failed lookup must only delay the relay, never break it
  private final Instance<OutboxPublisher> publisher;
  private final int batchSize;
  private volatile boolean stopping;
  private final AtomicBoolean running = new AtomicBoolean();

  public OutboxRelay(
      Instance<OutboxPublisher> publisher,
      @ConfigProperty(name = "lethe.outbox.batch-size", defaultValue = "100") int batchSize) {
    this.publisher = publisher;
    this.batchSize = batchSize;
  }

  @Scheduled(
      every = "${lethe.outbox.poll-interval:1s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> relay() {
    return relayNow();
  }

  /**
   * Publishes what is in the outbox now. Called by the schedule, and right after a transaction that
   * wrote outbox rows (so a command or decision leaves within milliseconds, not at the next tick).
   * One run at a time: a call while a run is under way returns at once, and that run or the next
   * tick takes the rows. Never fails: unsent rows stay.
   */
  public Uni<Void> relayNow() {
    if (stopping || !running.compareAndSet(false, true)) {
      return Uni.createFrom()
          .voidItem(); // closing (rows wait for the next start), or a run is under way
    }
    return runOnce().eventually(() -> running.set(false));
  }

  private Uni<Void> runOnce() {
    OutboxPublisher out = publisher.get();
    try {
      if (!out.ready()) {
        // the Kafka sink has not subscribed yet or is saturated: the rows wait for the next run
        return Uni.createFrom().voidItem();
      }
    } catch (RuntimeException e) {
      // the client proxy creates the publisher (and its emitter) on first use
      LOG.debugf("outbox channel not connected yet: %s", e.getMessage());
      return Uni.createFrom().voidItem();
    }
    return Panache.withTransaction(
            () ->
                OutboxMessage.<OutboxMessage>find("sentAt is null order by id")
                    .withLock(LockModeType.PESSIMISTIC_WRITE)
                    .page(0, batchSize)
                    .list()
                    .flatMap(pending -> publishInOrder(out, pending)))
        .onFailure()
        .recoverWithUni(
            e -> {
              // nothing is lost: unsent rows stay in the outbox and the next run retries them
              LOG.warnf("outbox relay run failed, will retry: %s", e.getMessage());
              return Uni.createFrom().voidItem();
            });
  }

  void onStop(@Observes ShutdownEvent event) {
    stopping = true;
  }

  private static Uni<Void> publishInOrder(OutboxPublisher out, List<OutboxMessage> pending) {
    return Multi.createFrom()
        .iterable(pending)
        .onItem()
        .transformToUniAndConcatenate(out::publish)
        .collect()
        .last()
        .replaceWithVoid();
  }
}
