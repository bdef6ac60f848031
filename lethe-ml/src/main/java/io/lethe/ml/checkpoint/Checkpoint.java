package io.lethe.ml.checkpoint;

import java.nio.file.Path;

/**
 * A checkpoint directory on disk together with the SHA-256 of its weights, the pair an event
 * publishes.
 *
 * @param directory the checkpoint directory
 * @param modelSha256 SHA-256 of {@code model.safetensors}
 * @param lineage contents of {@code lineage.json}
 */
public record Checkpoint(Path directory, String modelSha256, Lineage lineage) {}
