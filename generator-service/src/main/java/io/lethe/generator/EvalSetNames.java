package io.lethe.generator;

import io.lethe.data.EvalSet;
import java.util.Locale;
import java.util.Optional;

/**
 * The wire names of the four evaluation sets ({@code forget}, {@code retain}, {@code real_authors},
 * {@code world_facts}) as plans and generation events carry them.
 */
public final class EvalSetNames {

  private EvalSetNames() {}

  /** The name of {@code set} on the wire, e.g. {@code real_authors}. */
  public static String wireName(EvalSet set) {
    return set.name().toLowerCase(Locale.ROOT);
  }

  /** The set named {@code wireName}, if it is one of the four. */
  public static Optional<EvalSet> fromWire(String wireName) {
    for (EvalSet set : EvalSet.values()) {
      if (wireName(set).equals(wireName)) {
        return Optional.of(set);
      }
    }
    return Optional.empty();
  }
}
