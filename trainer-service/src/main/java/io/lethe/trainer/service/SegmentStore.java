package io.lethe.trainer.service;

import io.lethe.schemas.events.CheckpointEvent;
import io.lethe.schemas.json.LetheJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a job's segments live in the checkpoint store and how a segment is known to be done:
 *
 * <pre>
 * &lt;root&gt;/&lt;jobId&gt;/segment-000003/
 *   config.json, model.safetensors, tokenizer.json, lineage.json, optimizer.safetensors   (CheckpointStore)
 *   checkpoint-event.json                                                                  (the published event)
 * </pre>
 *
 * One directory per (jobId, segment), not per step: a MIX result shares its step with the
 * checkpoint it mixes. The event file is the commit point of a segment: it is written (atomically)
 * after the checkpoint and before the event is published, so a command delivered again finds it and
 * re-publishes the same event (same event id) instead of training twice; a directory without it is
 * a crash between save and commit and is discarded, and the segment trained again — on CPU to the
 * same bits.
 */
public final class SegmentStore {

  /** The published event of a segment, inside its directory. */
  public static final String EVENT_FILE = "checkpoint-event.json";

  private final Path root;

  /** A store under {@code root}. */
  public SegmentStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The store's root folder. */
  public Path root() {
    return root;
  }

  /** The directory of segment {@code segment} of {@code jobId}. */
  public Path directory(String jobId, int segment) {
    return jobDirectory(jobId).resolve(String.format(Locale.ROOT, "segment-%06d", segment));
  }

  /** The folder of all of a job's segments. */
  public Path jobDirectory(String jobId) {
    requireSafe(jobId);
    return root.resolve(jobId);
  }

  /** The event published for the segment, if it was committed. */
  public Optional<CheckpointEvent> committed(String jobId, int segment) throws IOException {
    Path file = directory(jobId, segment).resolve(EVENT_FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    return Optional.of(LetheJson.read(Files.readString(file), CheckpointEvent.class));
  }

  /**
   * Removes what an interrupted execution of the segment left (a checkpoint without a committed
   * event).
   */
  public void discardUncommitted(String jobId, int segment) throws IOException {
    Path dir = directory(jobId, segment);
    if (Files.exists(dir) && !Files.exists(dir.resolve(EVENT_FILE))) {
      deleteRecursively(dir);
    }
  }

  /** Commits the segment of {@code event}: writes its event file atomically. */
  public void commit(CheckpointEvent event) throws IOException {
    Path dir = directory(event.jobId(), event.segment());
    Files.createDirectories(dir);
    Path staging = Files.createTempFile(dir, "." + EVENT_FILE, ".tmp");
    try {
      Files.writeString(staging, LetheJson.write(event));
      Files.move(staging, dir.resolve(EVENT_FILE), StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(staging);
    }
  }

  /** A fresh scratch folder inside the job's folder (e.g. to train a tokenizer). */
  public Path scratchDirectory(String jobId) throws IOException {
    Path job = jobDirectory(jobId);
    Files.createDirectories(job);
    return Files.createTempDirectory(job, ".scratch-");
  }

  /** Deletes {@code path} and everything below it, if it exists. */
  public static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(path)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Job ids become directory names: refuse anything that could escape the root. */
  static void requireSafe(String jobId) {
    if (jobId == null
        || jobId.isBlank()
        || jobId.contains("/")
        || jobId.contains("\\")
        || jobId.startsWith(".")) {
      throw new IllegalArgumentException("job id is not a safe directory name: " + jobId);
    }
  }
}
