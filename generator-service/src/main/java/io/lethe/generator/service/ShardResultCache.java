package io.lethe.generator.service;

import io.lethe.schemas.domain.EvaluationKind;
import io.lethe.schemas.domain.GenerationItem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Shard results by everything that determines them: the model's weights (hash), the data, the kind
 * and the item range of a set. Greedy decoding and teacher forcing are deterministic, so the same
 * key always yields the same items — above all for the retain model, which a job evaluates
 * unchanged at every step: its shards are computed once and re-published for each evaluation (the
 * evaluator expects them in every one). Least recently used results are dropped beyond the
 * capacity.
 */
public final class ShardResultCache {

  /**
   * What a shard's items depend on.
   *
   * @param modelSha256 weights
   * @param dataset identity of the job's data
   * @param kind probe (no generation) or full
   * @param evalSet evaluation set name
   * @param firstItem first item index
   * @param itemCount number of items
   */
  public record Key(
      String modelSha256,
      String dataset,
      EvaluationKind kind,
      String evalSet,
      int firstItem,
      int itemCount) {

    public Key {
      modelSha256 = modelSha256.toLowerCase(Locale.ROOT);
    }
  }

  private final Map<Key, List<GenerationItem>> results;

  /** A cache of at most {@code capacity} shard results (0 disables it). */
  public ShardResultCache(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must be ≥ 0");
    }
    this.results =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, List<GenerationItem>> eldest) {
            return size() > capacity;
          }
        };
  }

  /** The items computed earlier for {@code key}, if still cached. */
  public synchronized Optional<List<GenerationItem>> get(Key key) {
    return Optional.ofNullable(results.get(key));
  }

  /** Remembers the items of {@code key}. */
  public synchronized void put(Key key, List<GenerationItem> items) {
    results.put(key, List.copyOf(items));
  }

  /** Results currently cached. */
  public synchronized int size() {
    return results.size();
  }
}
