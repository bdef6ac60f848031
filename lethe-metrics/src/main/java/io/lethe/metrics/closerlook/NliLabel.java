package io.lethe.metrics.closerlook;

import java.util.Locale;

/**
 * The three labels of the NLI model closer-look uses ({@code
 * sileod/deberta-v3-base-tasksource-nli}).
 */
public enum NliLabel {
  /** The premise entails the hypothesis. */
  ENTAILMENT,
  /** Neither entailed nor contradicted. */
  NEUTRAL,
  /** The premise contradicts the hypothesis. */
  CONTRADICTION;

  /** Parses a pipeline label such as {@code "entailment"} (case-insensitive). */
  public static NliLabel parse(String label) {
    return valueOf(label.trim().toUpperCase(Locale.ROOT));
  }
}
