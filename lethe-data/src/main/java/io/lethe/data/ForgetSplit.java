package io.lethe.data;

import java.util.Locale;

/**
 * The three TOFU forget sizes: the last 1, 5 or 10 % of the rows of {@code full} are forgotten, the
 * rest retained (methods.md §3.1). Names follow TOFU's files ({@code forget05} ↔ {@code retain95}).
 */
public enum ForgetSplit {
  FORGET01(1),
  FORGET05(5),
  FORGET10(10);

  private final int percent;

  ForgetSplit(int percent) {
    this.percent = percent;
  }

  /** Forgotten share of {@code full} in percent. */
  public int percent() {
    return percent;
  }

  /** TOFU's name of the forget file, e.g. {@code forget05}. */
  public String forgetName() {
    return String.format(Locale.ROOT, "forget%02d", percent);
  }

  /**
   * TOFU's name of the forget file with paraphrased/perturbed answers, e.g. {@code
   * forget05_perturbed}.
   */
  public String forgetPerturbedName() {
    return forgetName() + "_perturbed";
  }

  /** TOFU's name of the complementary retain file, e.g. {@code retain95}. */
  public String retainName() {
    return String.format(Locale.ROOT, "retain%02d", 100 - percent);
  }

  /**
   * TOFU's name of the same-sized holdout file (authors never trained on), e.g. {@code holdout05}.
   */
  public String holdoutName() {
    return String.format(Locale.ROOT, "holdout%02d", percent);
  }

  /**
   * Number of forgotten rows out of {@code totalRows}: {@code round(percent · total / 100)}, at
   * least 1. For TOFU (4000 rows) this is 40/200/400, i.e. whole authors; for a smaller generated
   * dataset it may cut an author.
   */
  public int forgetCount(int totalRows) {
    return Math.max(1, (totalRows * percent + 50) / 100);
  }

  /** Parses {@code forget01}, {@code FORGET01}, {@code 1}, … into a split. */
  public static ForgetSplit parse(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    for (ForgetSplit s : values()) {
      if (n.equals(s.forgetName()) || n.equals(Integer.toString(s.percent))) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown forget split: " + name);
  }
}
