package io.lethe.evaluator;

import io.lethe.schemas.events.GenerationEvent;
import java.util.Comparator;

/**
 * One shard's place in an evaluation: two deliveries with the same id carry the same items
 * (at-least-once delivery, or a generator retry) and count once.
 *
 * @param model {@code candidate} or {@code retain}
 * @param evalSet evaluation set name
 * @param shard shard index within (model, evalSet)
 */
public record ShardId(String model, String evalSet, int shard) implements Comparable<ShardId> {

  private static final Comparator<ShardId> ORDER =
      Comparator.comparing(ShardId::model)
          .thenComparing(ShardId::evalSet)
          .thenComparingInt(ShardId::shard);

  /** The id of a shard. */
  public static ShardId of(GenerationEvent shard) {
    return new ShardId(shard.model(), shard.evalSet(), shard.shard());
  }

  /** The (model, evalSet) part this shard is a slice of, e.g. {@code candidate/forget}. */
  public String part() {
    return model + "/" + evalSet;
  }

  @Override
  public int compareTo(ShardId other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return part() + "#" + shard;
  }
}
