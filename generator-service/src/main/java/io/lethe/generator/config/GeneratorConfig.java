package io.lethe.generator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/** Domain settings of the generator ({@code lethe.generator.*}). */
@ConfigMapping(prefix = "lethe.generator")
public interface GeneratorConfig {

  /**
   * Root of the checkpoint store the trainer writes to (env {@code LETHE_CHECKPOINT_ROOT}; a
   * read-only mount is enough). Checkpoint URIs must point inside it: an event never makes the
   * generator read files elsewhere.
   */
  @WithDefault("lethe-state/checkpoints")
  Path checkpointRoot();

  /**
   * Where models run: {@code auto} (first GPU if the engine sees one), {@code cpu} or {@code gpu}.
   */
  @WithDefault("auto")
  String device();

  /**
   * Loaded models kept in memory, least recently used evicted first. Two covers the usual pair of a
   * job's latest checkpoint and its retain model.
   */
  @WithDefault("2")
  int cachedModels();

  /** Sequences per forward pass, for both teacher-forced scoring and greedy generation. */
  @WithDefault("16")
  int batchSize();

  /**
   * Items per evaluation set in a PROBE evaluation: the first N rows of each set (further capped by
   * the plan's {@code maxItemsPerSet}).
   */
  @WithDefault("20")
  int probeItemsPerSet();

  /** Evaluation datasets (built from a job's {@code DatasetRef}) kept in memory. */
  @WithDefault("4")
  int cachedDatasets();

  /**
   * Shard results kept in memory, keyed by model hash, data, kind and item range: the retain model
   * gives the same numbers at every step of a job, so its shards are computed once and
   * re-published.
   */
  @WithDefault("256")
  int cachedShards();
}
