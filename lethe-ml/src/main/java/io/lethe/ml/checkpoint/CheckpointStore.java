package io.lethe.ml.checkpoint;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lethe.ml.model.LlamaConfig;
import io.lethe.ml.model.LlamaModel;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes and reads Lethe checkpoint directories, which are Hugging Face model directories plus two
 * Lethe files:
 *
 * <pre>
 * &lt;root&gt;/&lt;jobId&gt;/step-00000042/
 *   config.json              HF LlamaConfig (architectures ["LlamaForCausalLM"], model_type "llama", torch_dtype float32)
 *   model.safetensors        F32 weights under HF names, metadata {"format": "pt"}; lm_head.weight omitted when tied
 *   tokenizer.json           copied in, so the directory opens with AutoTokenizer too
 *   lineage.json             job, step, parent sha256, method, hyperparameters, environment, sha256 of the weights
 *   optimizer.safetensors    optional AdamW state (moments + step) for an exact resume; transformers ignores it
 * </pre>
 *
 * <p>{@code LlamaForCausalLM.from_pretrained(dir)} loads such a directory as is. A save is atomic
 * (written into a temporary sibling, then renamed), so a crash never leaves a half-written
 * checkpoint under a valid name; a load verifies the SHA-256 of the weights and refuses a mismatch
 * with {@link CheckpointIntegrityException}.
 */
public final class CheckpointStore {

  public static final String CONFIG_FILE = "config.json";
  public static final String WEIGHTS_FILE = "model.safetensors";
  public static final String TOKENIZER_FILE = "tokenizer.json";
  public static final String LINEAGE_FILE = "lineage.json";
  public static final String OPTIMIZER_FILE = "optimizer.safetensors";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path root;

  /** A store rooted at {@code root} (a local folder or a shared volume). */
  public CheckpointStore(Path root) {
    this.root = root;
  }

  /** Root folder of the store. */
  public Path root() {
    return root;
  }

  /**
   * Conventional directory of a job's checkpoint at {@code step}: {@code root/jobId/step-00000042}.
   */
  public Path directoryFor(String jobId, long step) {
    if (jobId.contains("/") || jobId.contains("\\") || jobId.startsWith(".")) {
      throw new IllegalArgumentException("job id is not a safe directory name: " + jobId);
    }
    return root.resolve(jobId).resolve(String.format("step-%08d", step));
  }

  /** Saves into {@link #directoryFor}{@code (lineage.jobId(), lineage.step())}. */
  public Checkpoint save(
      LlamaModel model, Path tokenizerJson, Lineage lineage, OptimizerState optimizer)
      throws IOException {
    return save(
        directoryFor(lineage.jobId(), lineage.step()), model, tokenizerJson, lineage, optimizer);
  }

  /**
   * Writes a checkpoint directory atomically.
   *
   * @param directory target directory; must not exist yet
   * @param tokenizerJson tokenizer to copy in, or {@code null}
   * @param lineage origin of the weights; its hash and time are filled in here
   * @param optimizer optimizer state to store for an exact resume, or {@code null}
   * @return the directory with the SHA-256 of {@code model.safetensors}
   */
  public static Checkpoint save(
      Path directory,
      LlamaModel model,
      Path tokenizerJson,
      Lineage lineage,
      OptimizerState optimizer)
      throws IOException {
    if (Files.exists(directory)) {
      throw new FileAlreadyExistsException(directory.toString(), null, "checkpoint already exists");
    }
    Path parent = directory.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path staging = Files.createTempDirectory(parent, "." + directory.getFileName() + ".tmp-");
    try {
      // weights are stored as F32 whatever the source checkpoint used, and the config must say so
      Files.writeString(
          staging.resolve(CONFIG_FILE),
          JSON.writeValueAsString(model.config().toJson().put("torch_dtype", "float32")));
      Path weights = staging.resolve(WEIGHTS_FILE);
      ModelWeights.write(model, weights, SafetensorsDType.F32, Map.of());
      String sha = Sha256.of(weights);
      if (tokenizerJson != null) {
        Files.copy(tokenizerJson, staging.resolve(TOKENIZER_FILE));
      }
      if (optimizer != null) {
        optimizer.save(staging.resolve(OPTIMIZER_FILE));
      }
      Lineage sealed = lineage.sealed(sha, Instant.now());
      JSON.writeValue(staging.resolve(LINEAGE_FILE).toFile(), sealed);
      Files.move(staging, directory, StandardCopyOption.ATOMIC_MOVE);
      return new Checkpoint(directory, sha, sealed);
    } catch (IOException | RuntimeException e) {
      deleteRecursively(staging);
      throw e;
    }
  }

  /**
   * Verifies that {@code model.safetensors} in {@code directory} hashes to {@code expectedSha256}
   * (or, when that is {@code null}, to the hash recorded in {@code lineage.json}) and returns the
   * hash.
   *
   * @throws CheckpointIntegrityException on a mismatch
   */
  public static String verify(Path directory, String expectedSha256) throws IOException {
    Path weights = directory.resolve(WEIGHTS_FILE);
    if (!Files.isRegularFile(weights)) {
      throw new IOException(directory + " has no " + WEIGHTS_FILE);
    }
    String actual = Sha256.of(weights);
    String expected = expectedSha256;
    String source = "the caller";
    if (expected == null) {
      Lineage lineage = readLineage(directory);
      expected = lineage == null ? null : lineage.modelSha256();
      source = LINEAGE_FILE;
    }
    if (expected != null && !expected.equalsIgnoreCase(actual)) {
      throw new CheckpointIntegrityException(
          "refusing checkpoint "
              + directory
              + ": "
              + WEIGHTS_FILE
              + " has SHA-256 "
              + actual
              + " but "
              + source
              + " expects "
              + expected
              + " (file corrupted, truncated or not the referenced checkpoint)",
          expected,
          actual);
    }
    return actual;
  }

  /**
   * Loads and verifies a checkpoint directory (also any HF Llama directory without lineage).
   *
   * @param expectedSha256 hash an event published for the weights, or {@code null} to check against
   *     the lineage file
   * @throws CheckpointIntegrityException if the weights' hash does not match
   */
  public static LoadedCheckpoint load(Path directory, String expectedSha256, Device device)
      throws IOException {
    String sha = verify(directory, expectedSha256);
    LlamaConfig config = LlamaConfig.read(directory.resolve(CONFIG_FILE));
    LlamaModel model;
    try (TensorSource source = SafetensorsFile.open(directory.resolve(WEIGHTS_FILE))) {
      model = ModelWeights.load(config, source, device);
    }
    Path tokenizer = directory.resolve(TOKENIZER_FILE);
    return new LoadedCheckpoint(
        model,
        new Checkpoint(directory, sha, readLineage(directory)),
        Files.isRegularFile(tokenizer) ? tokenizer : null);
  }

  /** Restores the optimizer state stored with a checkpoint into {@code target}. */
  public static void loadOptimizerState(Path directory, OptimizerState target) throws IOException {
    Path file = directory.resolve(OPTIMIZER_FILE);
    if (!Files.isRegularFile(file)) {
      throw new IOException(directory + " has no optimizer state (" + OPTIMIZER_FILE + ")");
    }
    target.load(file);
  }

  /** The lineage of a checkpoint, or {@code null} for a plain HF directory. */
  public static Lineage readLineage(Path directory) throws IOException {
    Path file = directory.resolve(LINEAGE_FILE);
    return Files.isRegularFile(file) ? JSON.readValue(file.toFile(), Lineage.class) : null;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
