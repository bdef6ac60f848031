package io.lethe.trainer.health;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Loads the PyTorch engine when the service starts rather than at the first command: libtorch is
 * unpacked and linked here, so a missing native library shows as a failed startup/readiness check
 * instead of a first segment that fails.
 */
@Startup
@ApplicationScoped
public class PyTorchEngine {

  private static final Logger LOG = Logger.getLogger(PyTorchEngine.class);

  private final String version;
  private final String failure;

  /** Loads the engine and runs one tensor operation on it. */
  public PyTorchEngine() {
    String loadedVersion = null;
    String error = null;
    try {
      Engine engine = Engine.getEngine("PyTorch");
      try (NDManager manager = engine.newBaseManager()) {
        float two = manager.ones(new Shape(2)).sum().getFloat();
        if (two != 2f) {
          throw new IllegalStateException("PyTorch computed 1 + 1 = " + two);
        }
      }
      loadedVersion = engine.getEngineName() + " " + engine.getVersion();
      LOG.infof("%s loaded, %d GPU(s) visible", loadedVersion, engine.getGpuCount());
    } catch (RuntimeException | UnsatisfiedLinkError e) {
      error = e.getClass().getSimpleName() + ": " + e.getMessage();
      LOG.errorf(e, "the PyTorch engine did not load");
    }
    this.version = loadedVersion;
    this.failure = error;
  }

  /** Whether the engine loaded and computes. */
  public boolean loaded() {
    return failure == null;
  }

  /** Engine name and version, e.g. {@code PyTorch 2.7.1}. */
  public Optional<String> version() {
    return Optional.ofNullable(version);
  }

  /** Why the engine did not load. */
  public Optional<String> failure() {
    return Optional.ofNullable(failure);
  }
}
