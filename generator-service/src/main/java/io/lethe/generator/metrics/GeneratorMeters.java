package io.lethe.generator.metrics;

import io.lethe.generator.service.CheckpointRejectedException.Reason;
import io.lethe.schemas.domain.EvaluationKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;

/**
 * The generator's Micrometer meters (style guide rule 32: {@code lethe.} prefix, base units, no
 * {@code total}, bounded tags). In Prometheus: {@code lethe_generation_seconds{kind,set}}, {@code
 * lethe_generation_tokens_total{phase}} ({@code generated} by greedy decoding, {@code scored}
 * teacher-forced), {@code lethe_generation_shards_published_total{model,kind,source}} ({@code
 * source} = {@code computed} or {@code cached}) and {@code
 * lethe_generation_checkpoints_rejected_total{reason}} ({@code integrity}, {@code unreadable}).
 */
@ApplicationScoped
public class GeneratorMeters {

  private final MeterRegistry registry;
  private final Counter generatedTokens;
  private final Counter scoredTokens;

  /** Registers the meters; the rejection counters start at zero so alerts see them at once. */
  public GeneratorMeters(MeterRegistry registry) {
    this.registry = registry;
    this.generatedTokens = tokens("generated");
    this.scoredTokens = tokens("scored");
    for (Reason reason : Reason.values()) {
      rejected(reason);
    }
  }

  /** Time to compute one shard (loading the model included). */
  public void shardComputed(EvaluationKind kind, String evalSet, Duration duration) {
    Timer.builder("lethe.generation.seconds")
        .description("Time to generate and score one evaluation shard")
        .tag("kind", tag(kind))
        .tag("set", evalSet)
        .register(registry)
        .record(duration);
  }

  /** Tokens produced by greedy generation and target tokens scored teacher-forced. */
  public void tokens(long generated, long scored) {
    generatedTokens.increment(generated);
    scoredTokens.increment(scored);
  }

  /** One generation shard is on {@code generations}. */
  public void shardPublished(String model, EvaluationKind kind, boolean cached) {
    Counter.builder("lethe.generation.shards.published")
        .description("Generation shards published")
        .tag("model", model)
        .tag("kind", tag(kind))
        .tag("source", cached ? "cached" : "computed")
        .register(registry)
        .increment();
  }

  /** A checkpoint (or a shard task of one) was refused and dead-lettered. */
  public void checkpointRejected(Reason reason) {
    rejected(reason).increment();
  }

  private Counter rejected(Reason reason) {
    return Counter.builder("lethe.generation.checkpoints.rejected")
        .description(
            "Checkpoints refused for evaluation (hash mismatch, unreadable), dead-lettered")
        .tag("reason", reason.tag())
        .register(registry);
  }

  private Counter tokens(String phase) {
    return Counter.builder("lethe.generation.tokens")
        .description("Tokens generated (greedy) or scored (teacher-forced)")
        .tag("phase", phase)
        .register(registry);
  }

  private static String tag(EvaluationKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }
}
