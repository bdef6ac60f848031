package io.lethe.generator;

import java.util.Locale;
import java.util.Optional;

/**
 * Which model a shard runs: the job's checkpoint, or the retain reference model whose forget-set
 * truth ratios forget quality compares against (methods.md §3.4).
 */
public enum ModelRole {
  /** The evaluated checkpoint of the job. */
  CANDIDATE,
  /** The retain model ("oracle"), trained without the forget set; evaluated on the forget set. */
  RETAIN;

  /** The name on the wire ({@code candidate}, {@code retain}). */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role named {@code wireName}, if it is one. */
  public static Optional<ModelRole> fromWire(String wireName) {
    for (ModelRole role : values()) {
      if (role.wireName().equals(wireName)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
