package io.lethe.ml.checkpoint;

import ai.djl.Device;
import ai.djl.engine.Engine;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a checkpoint comes from (job, step, parent weights, method and hyperparameters, software
 * environment) so an auditor can trace any published model back to its origin; stored as {@code
 * lineage.json}.
 *
 * @param jobId job that produced the checkpoint
 * @param step optimizer step the weights are at
 * @param parentSha256 SHA-256 of the weights training started from, or {@code null} for a fresh
 *     initialisation
 * @param method what produced it, e.g. {@code FINETUNE}, {@code GA+GD}, {@code MIX}
 * @param hyperparameters snapshot of the settings (lr, batch, seed, …)
 * @param environment software/hardware fingerprint ({@link #currentEnvironment})
 * @param modelSha256 SHA-256 of {@code model.safetensors}; filled in by the store on save
 * @param createdAt ISO-8601 instant of the save
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Lineage(
    String jobId,
    long step,
    String parentSha256,
    String method,
    Map<String, Object> hyperparameters,
    Map<String, String> environment,
    String modelSha256,
    String createdAt) {

  public Lineage {
    hyperparameters = hyperparameters == null ? Map.of() : new LinkedHashMap<>(hyperparameters);
    environment = environment == null ? Map.of() : new LinkedHashMap<>(environment);
  }

  /** A lineage for a new checkpoint in the current environment (hash and time are set on save). */
  public static Lineage of(
      String jobId,
      long step,
      String parentSha256,
      String method,
      Map<String, Object> hyperparameters,
      Device device) {
    return new Lineage(
        jobId, step, parentSha256, method, hyperparameters, currentEnvironment(device), null, null);
  }

  /** Copy with the weights' hash and the save time. */
  public Lineage sealed(String sha256, Instant at) {
    return new Lineage(
        jobId, step, parentSha256, method, hyperparameters, environment, sha256, at.toString());
  }

  /**
   * Java, OS, DJL and engine versions and the device: enough to explain a numeric difference
   * between runs.
   */
  public static Map<String, String> currentEnvironment(Device device) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("java", System.getProperty("java.version"));
    env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    env.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
    Engine engine = Engine.getInstance();
    env.put("djl", Engine.getDjlVersion());
    env.put("engine", engine.getEngineName() + " " + engine.getVersion());
    env.put("device", device == null ? "cpu" : device.toString());
    return env;
  }
}
