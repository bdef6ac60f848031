package io.lethe.generator;

/**
 * The generator's internal topic. It is not part of {@code shared-schemas} because no other service
 * reads it: the consumer of {@code checkpoints} turns one checkpoint into shard tasks here, and the
 * task consumers of every generator replica (one consumer group) share them.
 */
public final class GeneratorTopics {

  /** Shard tasks of planned evaluations: generator → generator replicas. */
  public static final String GENERATION_TASKS = "generation-tasks";

  private GeneratorTopics() {}
}
