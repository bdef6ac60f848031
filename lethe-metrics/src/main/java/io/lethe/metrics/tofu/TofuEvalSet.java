package io.lethe.metrics.tofu;

/**
 * The four TOFU evaluation sets and how each is scored (methods.md §1.7 table, §3.4): the forget
 * set uses the symmetric truth ratio and is excluded from model utility; real authors and world
 * facts normalise the answer probability over the perturbed options.
 */
public enum TofuEvalSet {
  /** Retained fictitious facts ({@code retain_perturbed}); log key {@code eval_log.json}. */
  RETAIN("eval_log.json", "Retain"),
  /** Real authors ({@code real_authors_perturbed}); log key {@code eval_real_author_wo_options}. */
  REAL_AUTHORS("eval_real_author_wo_options.json", "Real Authors"),
  /** World facts ({@code world_facts_perturbed}); log key {@code eval_real_world_wo_options}. */
  WORLD_FACTS("eval_real_world_wo_options.json", "World Facts"),
  /** The forget set ({@code forgetXX_perturbed}); log key {@code eval_log_forget.json}. */
  FORGET("eval_log_forget.json", "Forget");

  private final String logKey;
  private final String displayName;

  TofuEvalSet(String logKey, String displayName) {
    this.logKey = logKey;
    this.displayName = displayName;
  }

  /** The key of this set in TOFU's {@code eval_log_aggregated.json}. */
  public String logKey() {
    return logKey;
  }

  /** Human-readable name, as in TOFU's result tables. */
  public String displayName() {
    return displayName;
  }

  /** Whether this is the forget set (symmetric truth ratio; not part of model utility). */
  public boolean isForget() {
    return this == FORGET;
  }

  /**
   * Whether the probability is normalised over the perturbed options ({@code p/(p+Σq)}); TOFU
   * decides this by the log key not containing {@code eval_log}, i.e. for real authors and world
   * facts.
   */
  public boolean normalisesProbabilityOverOptions() {
    return this == REAL_AUTHORS || this == WORLD_FACTS;
  }
}
