package io.lethe.evaluator.service;

import io.lethe.evaluator.CompleteEvaluation;
import io.lethe.evaluator.EvaluationKey;
import io.lethe.evaluator.config.EvaluatorConfig;
import io.lethe.evaluator.messaging.EvaluationPublisher;
import io.lethe.evaluator.metrics.EvaluatorMeters;
import io.lethe.schemas.events.EvaluationEvent;
import io.lethe.schemas.events.GenerationEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The evaluator's pipeline: shards go into the {@link ShardAssembler}; a complete evaluation is
 * computed on a single worker thread (one evaluation at a time keeps the embedding model and the
 * machine's two cores to one job), published, and only then are its shards' messages acked. A
 * failure to compute or publish sends the shards to the dead-letter queue with the reason.
 * Incomplete evaluations are evicted on a timer.
 */
@Startup
@ApplicationScoped
public class EvaluationService {

  private static final Logger LOG = Logger.getLogger(EvaluationService.class);

  private final Clock clock = Clock.systemUTC();
  private final EvaluationComputation computation;
  private final EvaluationPublisher publisher;
  private final EvaluatorMeters meters;
  private final ShardAssembler assembler;
  private final ExecutorService computeWorker;
  private final ScheduledExecutorService evictionTimer;

  public EvaluationService(
      EvaluatorConfig config,
      EvaluationCalculator calculator,
      OriginalAnswerStore originalAnswers,
      EvaluationPublisher publisher,
      EvaluatorMeters meters) {
    this.computation = new EvaluationComputation(calculator, originalAnswers, clock);
    this.publisher = publisher;
    this.meters = meters;
    this.assembler =
        new ShardAssembler(
            clock,
            config.assembly().timeout(),
            config.assembly().maxIncomplete(),
            config.assembly().publishedKeysRemembered());
    meters.watchAssemblies(assembler::incompleteCount, assembler::evictedCount);
    computeWorker = Executors.newSingleThreadExecutor(daemon("lethe-evaluation-compute"));
    evictionTimer = Executors.newSingleThreadScheduledExecutor(daemon("lethe-evaluation-eviction"));
    long every = config.assembly().evictionInterval().toMillis();
    evictionTimer.scheduleWithFixedDelay(this::evictExpired, every, every, TimeUnit.MILLISECONDS);
  }

  void onStop(@Observes ShutdownEvent event) {
    // Held messages are simply not acked: the broker redelivers them to the next evaluator.
    evictionTimer.shutdownNow();
    computeWorker.shutdownNow();
  }

  /**
   * Takes a shard and its message; the message is acked once the shard's evaluation is published.
   *
   * @throws io.lethe.schemas.json.MalformedEventException if the shard cannot belong to an
   *     evaluation (the caller dead-letters it)
   */
  public void accept(GenerationEvent shard, Message<?> message) {
    ShardAssembler.Admission admission = assembler.admit(shard, message);
    switch (admission.outcome()) {
      case DUPLICATE -> meters.duplicateShard();
      case ALREADY_PUBLISHED -> {
        meters.duplicateShard();
        LOG.debugf(
            "shard %s of already published %s acked", shard.shard(), EvaluationKey.of(shard));
      }
      case COMPLETE -> evaluate(admission.evaluation());
      case PENDING -> {}
    }
  }

  private void evaluate(CompleteEvaluation evaluation) {
    EvaluationKey key = evaluation.key();
    meters.assembled(Duration.between(evaluation.firstShardAt(), clock.instant()));
    CompletableFuture.supplyAsync(() -> compute(evaluation), computeWorker)
        .thenCompose(event -> publisher.publish(event).subscribeAsCompletionStage())
        .whenComplete(
            (ok, error) -> {
              if (error == null) {
                int acked = assembler.published(key);
                meters.published(key.kind());
                LOG.infof("evaluation %s published; %d shard message(s) acked", key, acked);
              } else {
                Throwable cause =
                    error instanceof CompletionException && error.getCause() != null
                        ? error.getCause()
                        : error;
                meters.failed();
                LOG.errorf(
                    cause, "evaluation %s failed; its shards go to the dead-letter queue", key);
                assembler.failed(key, cause);
              }
            });
  }

  private EvaluationEvent compute(CompleteEvaluation evaluation) {
    long start = System.nanoTime();
    EvaluationEvent event = computation.compute(evaluation);
    meters.computed(Duration.ofNanos(System.nanoTime() - start));
    return event;
  }

  private void evictExpired() {
    try {
      assembler.evictExpired();
    } catch (RuntimeException e) {
      LOG.error("eviction of incomplete evaluations failed", e);
    }
  }

  private static ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
