package io.lethe.inprocess;

import io.lethe.generator.config.GeneratorConfig;
import java.nio.file.Path;

/**
 * {@link GeneratorConfig} without SmallRye Config: the generator's settings as plain values, for
 * the one constructor ({@code GenerationService}) that takes the configuration itself.
 */
record GeneratorSettings(
    Path checkpointRoot,
    String device,
    int cachedModels,
    int batchSize,
    int probeItemsPerSet,
    int cachedDatasets,
    int cachedShards)
    implements GeneratorConfig {}
