package io.lethe.ml.checkpoint;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Optimizer state that a checkpoint stores next to the weights so a training job resumes
 * bit-exactly; implemented by the training package's optimizer (this package does not depend on
 * it).
 */
public interface OptimizerState {

  /** Writes the full state (moments, step count, hyperparameters) to {@code file}. */
  void save(Path file) throws IOException;

  /** Replaces the current state with the one in {@code file}. */
  void load(Path file) throws IOException;
}
