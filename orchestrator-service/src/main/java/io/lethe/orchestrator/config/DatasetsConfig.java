package io.lethe.orchestrator.config;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where TOFU-format datasets may be read from: the trainer and the generator open the directory a
 * job names, so the API confines it to directories an operator allowed.
 */
@ConfigMapping(prefix = "lethe.datasets")
public interface DatasetsConfig {

  /**
   * Directories a {@code tofu} dataset path must lie in (comma-separated). Unset: any normalised
   * absolute path (never a relative one, which each service would resolve against its own working
   * directory, and never one with {@code .} or {@code ..} segments).
   */
  Optional<List<Path>> allowedRoots();
}
