package io.lethe.evaluator.service;

import io.lethe.evaluator.config.EvaluatorConfig;
import io.lethe.evaluator.service.OriginalAnswers.StoredAnswer;
import io.lethe.schemas.json.LetheJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Keeps each job's step-0 answers ({@link OriginalAnswers}) in memory and in one small JSON file
 * per job under a configured directory, so that a restarted evaluator still has the reference its
 * later evaluations of the job need. Files are written to a temporary name and moved into place, so
 * a crash never leaves a half-written file. Files are never deleted: a job's file holds a few
 * hundred short answers.
 */
@ApplicationScoped
public class OriginalAnswerStore {

  private final Path directory;
  private final Map<String, OriginalAnswers> cache;

  /** A store configured by {@code lethe.evaluator.original-answers.*}. */
  @Inject
  public OriginalAnswerStore(EvaluatorConfig config) {
    this(config.originalAnswers().directory(), config.originalAnswers().cachedJobs());
  }

  /**
   * A store over {@code directory}, keeping the answers of the last {@code cachedJobs} jobs in
   * memory.
   */
  public OriginalAnswerStore(Path directory, int cachedJobs) {
    this.directory = directory;
    this.cache =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, OriginalAnswers> eldest) {
            return size() > cachedJobs;
          }
        };
  }

  /** Stores (replacing) the step-0 answers of {@code answers.jobId()}. */
  public synchronized void remember(OriginalAnswers answers) {
    Path file = fileOf(answers.jobId());
    try {
      Files.createDirectories(directory);
      Path tmp = Files.createTempFile(directory, ".original-answers", ".tmp");
      Files.writeString(tmp, LetheJson.write(new StoredFile(answers.jobId(), answers.answers())));
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store step-0 answers in " + file, e);
    }
    cache.put(answers.jobId(), answers);
  }

  /** The step-0 answers of {@code jobId}, or {@link OriginalAnswers#none} if none were stored. */
  public synchronized OriginalAnswers find(String jobId) {
    OriginalAnswers cached = cache.get(jobId);
    if (cached != null) {
      return cached;
    }
    Path file = fileOf(jobId);
    if (!Files.isRegularFile(file)) {
      return OriginalAnswers.none(jobId);
    }
    try {
      StoredFile stored =
          LetheJson.mapper()
              .readValue(Files.readString(file, StandardCharsets.UTF_8), StoredFile.class);
      OriginalAnswers answers = new OriginalAnswers(jobId, stored.answers());
      cache.put(jobId, answers);
      return answers;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read step-0 answers from " + file, e);
    }
  }

  /** A file name that is safe whatever characters the job id has. */
  private Path fileOf(String jobId) {
    UUID name = UUID.nameUUIDFromBytes(jobId.getBytes(StandardCharsets.UTF_8));
    return directory.resolve(name + ".json");
  }

  /**
   * The file format: the job id (for people reading the directory) and the answers.
   *
   * @param jobId the job
   * @param answers evaluation set → item index → answer
   */
  record StoredFile(String jobId, Map<String, Map<Integer, StoredAnswer>> answers) {}
}
