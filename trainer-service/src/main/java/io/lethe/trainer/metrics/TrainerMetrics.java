package io.lethe.trainer.metrics;

import io.lethe.schemas.domain.JobKind;
import io.lethe.trainer.service.FailureCategory;
import io.lethe.trainer.training.TrainingObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The trainer's Micrometer meters (style guide rule 32: {@code lethe.} prefix, base units, bounded
 * tags — a method name, a loss term, a job kind, a failure category, never a job id). In
 * Prometheus: {@code lethe_trainer_step_seconds_*{method}}, {@code
 * lethe_trainer_tokens_total{method}}, {@code lethe_trainer_loss{method,term}}, {@code
 * lethe_checkpoints_published_total{kind}}, {@code lethe_trainer_failures_total{category}}.
 */
@ApplicationScoped
public class TrainerMetrics implements TrainingObserver {

  private final MeterRegistry registry;
  private final Map<String, AtomicReference<Double>> losses = new ConcurrentHashMap<>();

  /** Registers the counters that exist before anything happened at zero. */
  public TrainerMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (JobKind kind : JobKind.values()) {
      published(kind);
    }
    for (FailureCategory category : FailureCategory.values()) {
      failures(category);
    }
  }

  @Override
  public void stepTrained(
      String method, double seconds, long tokens, Map<String, Double> lossTerms) {
    Timer.builder("lethe.trainer.step.seconds")
        .description("One optimizer step: forward, backward and update of every micro-batch")
        .tag("method", method)
        .register(registry)
        .record(Duration.ofNanos((long) (seconds * 1e9)));
    Counter.builder("lethe.trainer.tokens")
        .description("Real (non-padding) tokens read by the trained model")
        .tag("method", method)
        .register(registry)
        .increment(tokens);
    lossTerms.forEach((term, value) -> loss(method, term).set(value));
  }

  /** A checkpoint event was published (also when a replayed segment's event is sent again). */
  public void checkpointPublished(JobKind kind) {
    published(kind).increment();
  }

  /** A segment failure was published. */
  public void failure(FailureCategory category) {
    failures(category).increment();
  }

  private AtomicReference<Double> loss(String method, String term) {
    return losses.computeIfAbsent(
        method + '\u0000' + term,
        key -> {
          AtomicReference<Double> holder = new AtomicReference<>(Double.NaN);
          Gauge.builder("lethe.trainer.loss", holder, AtomicReference::get)
              .description("Latest value of each loss term of the method being trained")
              .tag("method", method)
              .tag("term", term)
              .register(registry);
          return holder;
        });
  }

  private Counter published(JobKind kind) {
    return Counter.builder("lethe.checkpoints.published")
        .description("Checkpoint events published on checkpoints")
        .tag("kind", kind.name().toLowerCase(Locale.ROOT))
        .register(registry);
  }

  private Counter failures(FailureCategory category) {
    return Counter.builder("lethe.trainer.failures")
        .description("Segments that could not be trained, published on step-failures")
        .tag("category", category.tag())
        .register(registry);
  }
}
