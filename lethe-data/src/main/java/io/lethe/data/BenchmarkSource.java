package io.lethe.data;

import io.lethe.data.synthetic.FictitiousAuthorGenerator;
import io.lethe.data.tofu.TofuReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a job's data comes from, as the trainer and the generator both resolve it: the built-in
 * fictitious-author generator (the product's default, seeded and deterministic, so two services
 * build identical data) or a directory of TOFU-format files.
 *
 * @param source {@code builtin} or {@code tofu}
 * @param path TOFU directory (tofu only)
 * @param split forget split name ({@code forget01}, {@code forget05}, {@code forget10})
 * @param seed generator seed (builtin; default {@value #DEFAULT_SEED})
 * @param authors generated authors (builtin; default {@value #DEFAULT_AUTHORS})
 * @param questionsPerAuthor questions per author (builtin; default {@value #DEFAULT_QUESTIONS})
 * @param task continual task ({@link ForgetTask}; null = 1, the split's usual forget set)
 */
public record BenchmarkSource(
    String source,
    String path,
    String split,
    Long seed,
    Integer authors,
    Integer questionsPerAuthor,
    Integer task) {

  public static final long DEFAULT_SEED = 1001L;
  public static final int DEFAULT_AUTHORS = 20;
  public static final int DEFAULT_QUESTIONS = 10;

  /** The source of task 1, the split's usual forget set. */
  public BenchmarkSource(
      String source,
      String path,
      String split,
      Long seed,
      Integer authors,
      Integer questionsPerAuthor) {
    this(source, path, split, seed, authors, questionsPerAuthor, null);
  }

  /**
   * Builds the benchmark; the same source always gives the same rows.
   *
   * @throws IllegalArgumentException if the source names data that does not exist (unknown source
   *     or split, no TOFU directory, a task beyond the data)
   */
  public UnlearningBenchmark load() {
    ForgetTask forgetTask =
        new ForgetTask(
            ForgetSplit.parse(split == null ? "forget10" : split), task == null ? 1 : task);
    if ("tofu".equals(source)) {
      if (path == null || path.isBlank()) {
        throw new IllegalArgumentException("a tofu dataset needs a path");
      }
      Path dir = Path.of(path);
      if (!Files.isDirectory(dir)) {
        throw new IllegalArgumentException("TOFU directory " + dir + " does not exist");
      }
      try {
        return UnlearningBenchmark.fromTofu(new TofuReader(dir), forgetTask);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read TOFU data from " + dir, e);
      }
    }
    if (source == null || "builtin".equals(source)) {
      return new FictitiousAuthorGenerator(
              seed == null ? DEFAULT_SEED : seed,
              authors == null ? DEFAULT_AUTHORS : authors,
              questionsPerAuthor == null ? DEFAULT_QUESTIONS : questionsPerAuthor)
          .generate()
          .toBenchmark(forgetTask);
    }
    throw new IllegalArgumentException("unknown dataset source " + source + " (builtin or tofu)");
  }

  /** A key that identifies the data (for caches). */
  public String cacheKey() {
    return String.join(
        "|",
        String.valueOf(source),
        String.valueOf(path),
        String.valueOf(split),
        String.valueOf(seed),
        String.valueOf(authors),
        String.valueOf(questionsPerAuthor),
        String.valueOf(task == null ? 1 : task));
  }
}
