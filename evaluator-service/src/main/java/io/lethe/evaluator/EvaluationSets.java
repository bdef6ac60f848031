package io.lethe.evaluator;

import io.lethe.metrics.tofu.TofuEvalSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The wire names of the four TOFU evaluation sets (methods.md §1.7, §3.3) — {@code forget}, {@code
 * retain}, {@code real_authors}, {@code world_facts} — and the order metrics are computed in.
 */
public final class EvaluationSets {

  /** Forget first (forget quality and efficacy), then the three utility sets. */
  public static final List<TofuEvalSet> ORDER =
      List.of(
          TofuEvalSet.FORGET,
          TofuEvalSet.RETAIN,
          TofuEvalSet.REAL_AUTHORS,
          TofuEvalSet.WORLD_FACTS);

  private EvaluationSets() {}

  /** The name a set has in events and metric keys, e.g. {@code real_authors}. */
  public static String wireName(TofuEvalSet set) {
    return set.name().toLowerCase(Locale.ROOT);
  }

  /** The set named {@code wireName}, if it is one of the four. */
  public static Optional<TofuEvalSet> fromWire(String wireName) {
    for (TofuEvalSet set : ORDER) {
      if (wireName(set).equals(wireName)) {
        return Optional.of(set);
      }
    }
    return Optional.empty();
  }
}
