package io.lethe.trainer.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;

/**
 * Startup and readiness: the trainer is of no use until PyTorch is loaded, so it takes no segment
 * commands (and Kubernetes sends it no traffic) before (style guide rule 31).
 */
@Startup
@Readiness
@ApplicationScoped
public class PyTorchEngineHealthCheck implements HealthCheck {

  private final PyTorchEngine engine;

  public PyTorchEngineHealthCheck(PyTorchEngine engine) {
    this.engine = engine;
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named("pytorch engine");
    if (engine.loaded()) {
      return response.up().withData("engine", engine.version().orElse("unknown")).build();
    }
    return response.down().withData("error", engine.failure().orElse("unknown")).build();
  }
}
