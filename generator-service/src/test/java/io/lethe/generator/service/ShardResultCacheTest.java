package io.lethe.generator.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.schemas.EventSamples;
import io.lethe.schemas.domain.EvaluationKind;
import io.lethe.schemas.domain.GenerationItem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shard results are found by weights, data, kind and item range, least recently used dropped. */
class ShardResultCacheTest {

  static final List<GenerationItem> ITEMS = EventSamples.generation().items();

  static ShardResultCache.Key key(String sha, EvaluationKind kind, int first) {
    return new ShardResultCache.Key(sha, "builtin|7", kind, "forget", first, 2);
  }

  @Test
  void resultsAreKeyedByEverythingThatDeterminesThem() {
    ShardResultCache cache = new ShardResultCache(8);
    cache.put(key("AB", EvaluationKind.FULL, 0), ITEMS);

    assertThat(cache.get(key("ab", EvaluationKind.FULL, 0))).contains(ITEMS);
    assertThat(cache.get(key("ab", EvaluationKind.PROBE, 0))).isEmpty();
    assertThat(cache.get(key("ab", EvaluationKind.FULL, 2))).isEmpty();
    assertThat(cache.get(key("cd", EvaluationKind.FULL, 0))).isEmpty();
  }

  @Test
  void leastRecentlyUsedResultIsDroppedBeyondCapacity() {
    ShardResultCache cache = new ShardResultCache(2);
    cache.put(key("a", EvaluationKind.FULL, 0), ITEMS);
    cache.put(key("b", EvaluationKind.FULL, 0), ITEMS);
    cache.get(key("a", EvaluationKind.FULL, 0));
    cache.put(key("c", EvaluationKind.FULL, 0), ITEMS);

    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.get(key("a", EvaluationKind.FULL, 0))).isPresent();
    assertThat(cache.get(key("b", EvaluationKind.FULL, 0))).isEmpty();
  }
}
