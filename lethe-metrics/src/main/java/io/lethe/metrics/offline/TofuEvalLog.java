package io.lethe.metrics.offline;

import io.lethe.metrics.tofu.TofuEvalSet;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A TOFU {@code eval_log_aggregated.json}: the four evaluation sets of one model.
 *
 * @param sets the per-set logs, one for every {@link TofuEvalSet}
 */
public record TofuEvalLog(Map<TofuEvalSet, TofuSetLog> sets) {

  /** Requires all four sets and freezes the map. */
  public TofuEvalLog {
    for (TofuEvalSet set : TofuEvalSet.values()) {
      if (!sets.containsKey(set)) {
        throw new IllegalArgumentException("missing evaluation set " + set.logKey());
      }
    }
    sets = Collections.unmodifiableMap(new EnumMap<>(sets));
  }

  /** The log of one set. */
  public TofuSetLog set(TofuEvalSet set) {
    return sets.get(set);
  }
}
