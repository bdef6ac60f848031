package io.lethe.orchestrator.config;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the checkpoint store is, as far as the job API must know it: a submitted start or retain
 * model has to lie inside it, so a job cannot make the trainer or the generator read any other
 * directory of their hosts.
 */
@ConfigMapping(prefix = "lethe.checkpoints")
public interface CheckpointsConfig {

  /**
   * The checkpoint store's root (the trainer's and generator's {@code LETHE_CHECKPOINT_ROOT}).
   * Unset: checkpoint URIs must still be normalised absolute {@code file:} URIs or paths, but may
   * point anywhere.
   */
  Optional<Path> root();
}
