package io.lethe.evaluator.metrics;

import io.lethe.schemas.domain.EvaluationKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The evaluator's Micrometer meters (style guide rule 32: {@code lethe.} prefix, base units, no
 * {@code total}, bounded tags). In Prometheus: {@code lethe_evaluations_published_total{kind}},
 * {@code lethe_evaluation_assembly_seconds_*}, {@code lethe_evaluation_compute_seconds_*}, {@code
 * lethe_evaluation_assemblies_incomplete}, {@code lethe_evaluation_assemblies_evicted_total},
 * {@code lethe_evaluations_failed_total}, {@code lethe_evaluation_shards_duplicate_total}.
 */
@ApplicationScoped
public class EvaluatorMeters {

  private final MeterRegistry registry;
  private final Timer assembly;
  private final Timer compute;
  private final Counter failed;
  private final Counter duplicateShards;

  /** Registers the meters. */
  public EvaluatorMeters(MeterRegistry registry) {
    this.registry = registry;
    this.assembly =
        Timer.builder("lethe.evaluation.assembly.seconds")
            .description("Time from an evaluation's first shard to its last")
            .register(registry);
    this.compute =
        Timer.builder("lethe.evaluation.compute.seconds")
            .description("Time to compute one evaluation's metrics")
            .register(registry);
    this.failed =
        Counter.builder("lethe.evaluations.failed")
            .description("Complete evaluations that could not be computed or published")
            .register(registry);
    this.duplicateShards =
        Counter.builder("lethe.evaluation.shards.duplicate")
            .description("Shards delivered again and counted once")
            .register(registry);
  }

  /**
   * Exposes the shard assembler: evaluations waiting for shards, and evaluations evicted incomplete
   * (their shards dead-lettered).
   */
  public void watchAssemblies(IntSupplier incomplete, LongSupplier evicted) {
    Gauge.builder("lethe.evaluation.assemblies.incomplete", incomplete::getAsInt)
        .description("Evaluations waiting for shards")
        .strongReference(true)
        .register(registry);
    FunctionCounter.builder("lethe.evaluation.assemblies.evicted", evicted, LongSupplier::getAsLong)
        .description("Incomplete evaluations evicted, their shards dead-lettered")
        .register(registry);
  }

  /** One evaluation published. */
  public void published(EvaluationKind kind) {
    Counter.builder("lethe.evaluations.published")
        .description("Evaluation events published")
        .tag("kind", kind.name().toLowerCase(Locale.ROOT))
        .register(registry)
        .increment();
  }

  /** Time from the first shard of an evaluation to its completion. */
  public void assembled(Duration duration) {
    assembly.record(duration);
  }

  /** Time spent computing one evaluation's metrics. */
  public void computed(Duration duration) {
    compute.record(duration);
  }

  /** A complete evaluation that failed. */
  public void failed() {
    failed.increment();
  }

  /** A shard delivered again. */
  public void duplicateShard() {
    duplicateShards.increment();
  }
}
