package io.lethe.evaluator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Domain settings of the evaluator ({@code lethe.evaluator.*}). */
@ConfigMapping(prefix = "lethe.evaluator")
public interface EvaluatorConfig {

  /** How shards are collected into evaluations. */
  Assembly assembly();

  /** Where step-0 generations (closer-look's {@code original_answer}) are kept. */
  OriginalAnswers originalAnswers();

  /** The refusal-rate metric. */
  Refusal refusal();

  /** Shard assembly. */
  interface Assembly {

    /**
     * An evaluation still incomplete this long after its first shard is evicted: its shards are
     * nacked to {@code generations-dlq} (with the reason) and a warning is logged. Must stay below
     * the channel's {@code throttled.unprocessed-record-max-age.ms}, or the channel turns unhealthy
     * first.
     */
    @WithDefault("30M")
    Duration timeout();

    /** How often incomplete assemblies are checked against {@link #timeout()}. */
    @WithDefault("30S")
    Duration evictionInterval();

    /**
     * Most evaluations assembled at once; one more evicts the oldest (bounds memory when shards of
     * many evaluations never complete).
     */
    @WithDefault("64")
    int maxIncomplete();

    /**
     * How many published evaluations are remembered, so a late duplicate shard of one is acked
     * instead of starting an assembly that could never complete.
     */
    @WithDefault("1024")
    int publishedKeysRemembered();
  }

  /** Step-0 generations of each job. */
  interface OriginalAnswers {

    /** Directory of one small JSON file per job; survives a restart. */
    @WithDefault("lethe-state/evaluator/original-answers")
    Path directory();

    /** Jobs whose step-0 answers are also kept in memory. */
    @WithDefault("64")
    int cachedJobs();
  }

  /** Refusal detection ({@code lethe.refusal_rate@1}). */
  interface Refusal {

    /**
     * Extra refusal templates, one per line (e.g. TOFU's {@code idontknow.jsonl}), added to Lethe's
     * built-in {@code RefusalTemplates.ALL}.
     */
    Optional<Path> templatesFile();

    /** Minimum ROUGE-L recall of a template inside a generation for it to count as a refusal. */
    @WithDefault("0.8")
    double threshold();
  }
}
