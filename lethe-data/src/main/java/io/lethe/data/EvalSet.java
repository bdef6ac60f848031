package io.lethe.data;

/**
 * The four evaluation sets of TOFU and closer-look (methods.md §1.7, §3.3). Each is scored by
 * ROUGE, probability and truth ratio; the forget set is aggregated differently (symmetric truth
 * ratio, excluded from model utility).
 */
public enum EvalSet {
  /** The current forget set in perturbed form ({@code forgetXX_perturbed}). */
  FORGET("eval_log_forget", 5),
  /** Retained fictitious facts in perturbed form ({@code retain_perturbed}). */
  RETAIN("eval_log", 5),
  /**
   * General knowledge about real authors ({@code real_authors_perturbed}, or the generator's
   * analogue).
   */
  REAL_AUTHORS("eval_real_author_wo_options", 3),
  /** General world knowledge ({@code world_facts_perturbed}, or the generator's analogue). */
  WORLD_FACTS("eval_real_world_wo_options", 3);

  /** TOFU's {@code ds_size}: only the first 300 rows of a set are evaluated. */
  public static final int TOFU_DS_SIZE = 300;

  private final String tofuTaskName;
  private final int perturbedPerItem;

  EvalSet(String tofuTaskName, int perturbedPerItem) {
    this.tofuTaskName = tofuTaskName;
    this.perturbedPerItem = perturbedPerItem;
  }

  /** The name TOFU's evaluation logs use for this set, e.g. {@code eval_log_forget}. */
  public String tofuTaskName() {
    return tofuTaskName;
  }

  /** Number of perturbed (wrong) answers per row in TOFU. */
  public int perturbedPerItem() {
    return perturbedPerItem;
  }

  /**
   * Whether the set is scored against a paraphrased answer (forget, retain) rather than the gold
   * answer (real authors, world facts) in the truth ratio (methods.md §3.4).
   */
  public boolean usesParaphrase() {
    return this == FORGET || this == RETAIN;
  }
}
