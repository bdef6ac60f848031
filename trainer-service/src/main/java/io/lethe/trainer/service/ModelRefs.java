package io.lethe.trainer.service;

import io.lethe.ml.checkpoint.CheckpointStore;
import io.lethe.schemas.domain.ModelRef;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resolves the checkpoint a {@link ModelRef} names to a directory: a {@code file:} URI (what the
 * trainer publishes) or a plain path. Other schemes are not served by this store.
 */
public final class ModelRefs {

  private ModelRefs() {}

  /** Whether {@code ref} names a stored checkpoint (rather than a preset). */
  public static boolean isCheckpoint(ModelRef ref) {
    return ref != null && ref.uri() != null && !ref.uri().isBlank();
  }

  /**
   * The directory of {@code ref}'s checkpoint.
   *
   * @throws IllegalArgumentException if the URI is not a local file URI or path
   */
  public static Path directory(ModelRef ref) {
    if (!isCheckpoint(ref)) {
      throw new IllegalArgumentException("model reference has no checkpoint uri: " + ref);
    }
    String uri = ref.uri().trim();
    URI parsed;
    try {
      parsed = URI.create(uri);
    } catch (IllegalArgumentException e) {
      return Path.of(uri);
    }
    if (parsed.getScheme() == null) {
      return Path.of(uri);
    }
    if (!"file".equalsIgnoreCase(parsed.getScheme())) {
      throw new IllegalArgumentException(
          "checkpoint uri " + uri + " is not a file: URI (the store is a file system)");
    }
    return Path.of(parsed);
  }

  /**
   * The directory of a referenced checkpoint, which must hold weights: a checkpoint that is gone is
   * rejected like one that fails its hash.
   *
   * @param step the step a failure is reported at
   */
  public static Path existingDirectory(ModelRef ref, long step) throws SegmentFailure {
    Path dir = directory(ref);
    if (!Files.isRegularFile(dir.resolve(CheckpointStore.WEIGHTS_FILE))) {
      throw new SegmentFailure(
          FailureCategory.CHECKPOINT_REJECTED,
          step,
          "checkpoint " + ref.uri() + " has no " + CheckpointStore.WEIGHTS_FILE + " (" + dir + ")");
    }
    return dir;
  }

  /** The {@code file:} URI the trainer publishes for a checkpoint directory. */
  public static String uriOf(Path directory) {
    return directory.toAbsolutePath().normalize().toUri().toString();
  }
}
