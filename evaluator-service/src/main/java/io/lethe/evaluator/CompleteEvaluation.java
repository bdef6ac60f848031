package io.lethe.evaluator;

import io.lethe.metrics.tofu.TofuEvalSet;
import io.lethe.schemas.domain.GenerationItem;
import io.lethe.schemas.events.GenerationEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every shard of one evaluation, de-duplicated, in shard order: what the metric computation needs.
 *
 * @param key the evaluation
 * @param shards one event per distinct shard, sorted by (model, evalSet, shard)
 * @param firstShardAt when the first shard of the evaluation arrived (assembly time)
 */
public record CompleteEvaluation(
    EvaluationKey key, List<GenerationEvent> shards, Instant firstShardAt) {

  /** Copies and sorts the shards. */
  public CompleteEvaluation {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(firstShardAt, "firstShardAt");
    List<GenerationEvent> sorted = new ArrayList<>(shards);
    sorted.sort(Comparator.comparing(ShardId::of));
    shards = List.copyOf(sorted);
  }

  /**
   * The items of each evaluation set scored by {@code role}, sorted by item index.
   *
   * @throws IllegalArgumentException if two items of one set share an index (the generator sent
   *     overlapping shards: no metric of that set would be trustworthy)
   */
  public Map<TofuEvalSet, List<GenerationItem>> itemsBySet(ModelRole role) {
    Map<TofuEvalSet, List<GenerationItem>> bySet = new EnumMap<>(TofuEvalSet.class);
    for (GenerationEvent shard : shards) {
      if (!role.wireName().equals(shard.model())) {
        continue;
      }
      TofuEvalSet set =
          EvaluationSets.fromWire(shard.evalSet())
              .orElseThrow(
                  () -> new IllegalArgumentException("unknown evaluation set " + shard.evalSet()));
      bySet.computeIfAbsent(set, s -> new ArrayList<>()).addAll(shard.items());
    }
    for (Map.Entry<TofuEvalSet, List<GenerationItem>> entry : bySet.entrySet()) {
      List<GenerationItem> items = entry.getValue();
      items.sort(Comparator.comparingInt(GenerationItem::index));
      for (int i = 1; i < items.size(); i++) {
        if (items.get(i).index() == items.get(i - 1).index()) {
          throw new IllegalArgumentException(
              "item "
                  + items.get(i).index()
                  + " of "
                  + role.wireName()
                  + "/"
                  + EvaluationSets.wireName(entry.getKey())
                  + " arrived in two different shards");
        }
      }
      entry.setValue(List.copyOf(items));
    }
    return bySet;
  }

  /** Whether any shard scores {@code role}. */
  public boolean has(ModelRole role) {
    return shards.stream().anyMatch(s -> role.wireName().equals(s.model()));
  }
}
