package io.lethe.generator.config;

import io.lethe.generator.service.CheckpointLoader;
import io.lethe.generator.service.EvaluationDatasets;
import io.lethe.generator.service.EvaluationPlanner;
import io.lethe.generator.service.ShardResultCache;
import io.lethe.ml.model.DeviceChoice;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Builds the generator's plain-Java services from {@link GeneratorConfig}; the loader's models are
 * closed (native memory freed) when the application stops.
 */
@ApplicationScoped
public class GeneratorProducers {

  private static final Logger LOG = Logger.getLogger(GeneratorProducers.class);

  /** Loads and caches checkpoints of the configured store on the configured device. */
  @Produces
  @Singleton
  CheckpointLoader checkpointLoader(GeneratorConfig config) {
    CheckpointLoader loader =
        new CheckpointLoader(
            config.checkpointRoot(),
            DeviceChoice.parse(config.device()).resolve(),
            config.cachedModels());
    LOG.infof(
        "checkpoint store %s, models on %s, %d kept loaded",
        config.checkpointRoot().toAbsolutePath(), loader.device(), config.cachedModels());
    return loader;
  }

  void closeCheckpointLoader(@Disposes CheckpointLoader loader) {
    loader.close();
  }

  /** The jobs' evaluation sets. */
  @Produces
  @Singleton
  EvaluationDatasets evaluationDatasets(GeneratorConfig config) {
    return new EvaluationDatasets(config.cachedDatasets());
  }

  /** Shard results reused across evaluations (the retain model's above all). */
  @Produces
  @Singleton
  ShardResultCache shardResultCache(GeneratorConfig config) {
    return new ShardResultCache(config.cachedShards());
  }

  /** Turns evaluation plans into shard tasks. */
  @Produces
  @Singleton
  EvaluationPlanner evaluationPlanner(GeneratorConfig config) {
    return new EvaluationPlanner(config.probeItemsPerSet());
  }
}
