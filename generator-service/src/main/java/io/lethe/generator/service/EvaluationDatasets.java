package io.lethe.generator.service;

import io.lethe.data.BenchmarkSource;
import io.lethe.data.UnlearningBenchmark;
import io.lethe.schemas.domain.DatasetRef;
import io.lethe.schemas.json.MalformedEventException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the evaluation sets of a job from its {@link DatasetRef} exactly as the trainer builds its
 * training data ({@link BenchmarkSource}: the seeded generator or TOFU files, same rows every
 * time), and keeps the last few in memory — every shard of every evaluation of a job needs the same
 * sets.
 */
public final class EvaluationDatasets {

  private final Map<String, UnlearningBenchmark> cache;

  /** A cache of at most {@code capacity} datasets. */
  public EvaluationDatasets(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be ≥ 1");
    }
    this.cache =
        new LinkedHashMap<>(8, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, UnlearningBenchmark> eldest) {
            return size() > capacity;
          }
        };
  }

  /** The data source a reference names. */
  public static BenchmarkSource sourceOf(DatasetRef dataset) {
    return new BenchmarkSource(
        dataset.source(),
        dataset.path(),
        dataset.split(),
        dataset.seed(),
        dataset.authors(),
        dataset.questionsPerAuthor(),
        dataset.task());
  }

  /**
   * The benchmark of {@code dataset}.
   *
   * @throws MalformedEventException if the reference is missing or names data that cannot be built
   *     (unknown source or split, missing TOFU directory, a continual task beyond the data): an
   *     event carrying it cannot be evaluated
   */
  public UnlearningBenchmark load(DatasetRef dataset) {
    if (dataset == null) {
      throw new MalformedEventException("no dataset: the evaluation sets cannot be built");
    }
    BenchmarkSource source = sourceOf(dataset);
    String key = source.cacheKey();
    synchronized (cache) {
      UnlearningBenchmark known = cache.get(key);
      if (known != null) {
        return known;
      }
    }
    UnlearningBenchmark benchmark;
    try {
      benchmark = source.load();
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new MalformedEventException(
          "dataset " + key + " cannot be built: " + e.getMessage(), e);
    }
    synchronized (cache) {
      cache.put(key, benchmark);
    }
    return benchmark;
  }

  /** A key that identifies the data of {@code dataset} (for result caches). */
  public static String keyOf(DatasetRef dataset) {
    return sourceOf(dataset).cacheKey();
  }
}
