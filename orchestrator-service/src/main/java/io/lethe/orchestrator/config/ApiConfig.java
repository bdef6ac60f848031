package io.lethe.orchestrator.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of the job API's requests. */
@ConfigMapping(prefix = "lethe.api")
public interface ApiConfig {

  /**
   * Largest request body the API reads; a larger one is refused with a problem+json 413. A job is a
   * few KB. Must stay below {@code quarkus.http.limits.max-body-size}, the transport's own limit,
   * which answers without a body.
   */
  @WithDefault("64K")
  MemorySize maxBodySize();
}
