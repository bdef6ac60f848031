package io.lethe.generator.health;

import ai.djl.engine.Engine;
import io.lethe.generator.service.CheckpointLoader;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Startup;

/**
 * Startup check that the inference engine (PyTorch through DJL) loaded and the models' device is
 * usable (style guide rule 31): without it no shard can run. The checkpoint store is reported as
 * data, not as a failure — it may be mounted after start, and a missing checkpoint is a rejected
 * event, not an unhealthy service.
 */
@Startup
@ApplicationScoped
public class InferenceEngineHealthCheck implements HealthCheck {

  private final CheckpointLoader loader;

  public InferenceEngineHealthCheck(CheckpointLoader loader) {
    this.loader = loader;
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named("generator inference engine");
    try {
      Engine engine = Engine.getInstance();
      return response
          .up()
          .withData("engine", engine.getEngineName() + " " + engine.getVersion())
          .withData("device", loader.device().toString())
          .withData("checkpoint root", loader.root().toAbsolutePath().toString())
          .withData("checkpoint root readable", Files.isReadable(loader.root()))
          .withData("models loaded", loader.cachedModels())
          .build();
    } catch (RuntimeException | LinkageError e) {
      return response.down().withData("error", String.valueOf(e.getMessage())).build();
    }
  }
}
