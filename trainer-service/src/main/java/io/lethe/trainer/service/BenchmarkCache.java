package io.lethe.trainer.service;

import io.lethe.data.BenchmarkSource;
import io.lethe.data.UnlearningBenchmark;
import io.lethe.schemas.domain.DatasetRef;

/**
 * The job's dataset, built once and reused by its segments: the built-in generator and the TOFU
 * reader are deterministic, so a cached benchmark equals a fresh one (a restarted trainer simply
 * builds it again). One dataset is kept (one job trains at a time).
 */
public final class BenchmarkCache {

  private String key;
  private UnlearningBenchmark cached;

  /** The benchmark {@code dataset} describes. */
  public synchronized UnlearningBenchmark load(DatasetRef dataset) {
    BenchmarkSource source = sourceOf(dataset);
    String k = source.cacheKey();
    if (!k.equals(key)) {
      cached = source.load();
      key = k;
    }
    return cached;
  }

  /** Forgets the cached benchmark. */
  public synchronized void clear() {
    key = null;
    cached = null;
  }

  /** The data-module description of a command's dataset. */
  public static BenchmarkSource sourceOf(DatasetRef d) {
    return new BenchmarkSource(
        d.source(), d.path(), d.split(), d.seed(), d.authors(), d.questionsPerAuthor(), d.task());
  }
}
