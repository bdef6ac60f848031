package io.lethe.data.tofu;

import io.lethe.data.ForgetSplit;
import java.util.Locale;

/**
 * Every QA file of the TOFU release (methods.md §3.1) with the shape of its rows, so reading and
 * writing agree on names and fields. The refusal file ({@code idontknow.jsonl}) is plain text and
 * lives in {@link TofuReader}.
 */
public enum TofuSplit {
  FULL(Form.PLAIN),
  FORGET01(Form.PLAIN),
  FORGET05(Form.PLAIN),
  FORGET10(Form.PLAIN),
  RETAIN90(Form.PLAIN),
  RETAIN95(Form.PLAIN),
  RETAIN99(Form.PLAIN),
  FORGET01_PERTURBED(Form.PERTURBED),
  FORGET05_PERTURBED(Form.PERTURBED),
  FORGET10_PERTURBED(Form.PERTURBED),
  RETAIN_PERTURBED(Form.PERTURBED),
  REAL_AUTHORS(Form.OPTIONS),
  REAL_AUTHORS_PERTURBED(Form.PERTURBED),
  WORLD_FACTS(Form.OPTIONS),
  WORLD_FACTS_PERTURBED(Form.PERTURBED),
  HOLDOUT01(Form.PLAIN),
  HOLDOUT05(Form.PLAIN),
  HOLDOUT10(Form.PLAIN);

  /** Which fields a file's rows carry. */
  public enum Form {
    /** {@code question}, {@code answer}. */
    PLAIN,
    /**
     * {@code question}, {@code answer}, {@code perturbed_answer}, and {@code
     * paraphrased_question}/{@code paraphrased_answer} where the row has them (the utility sets do
     * not).
     */
    PERTURBED,
    /** {@code question}, {@code answer}, {@code option1..option4}. */
    OPTIONS
  }

  private final Form form;

  TofuSplit(Form form) {
    this.form = form;
  }

  /** The row shape of this file. */
  public Form form() {
    return form;
  }

  /** TOFU's base name, e.g. {@code forget05_perturbed}. */
  public String fileStem() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The JSON Lines file name TOFU's Hugging Face release uses, e.g. {@code
   * forget05_perturbed.jsonl}.
   */
  public String fileName() {
    return fileStem() + ".jsonl";
  }

  /** The split whose file stem is {@code stem}. */
  public static TofuSplit ofStem(String stem) {
    return valueOf(stem.trim().toUpperCase(Locale.ROOT));
  }

  /** The plain forget file of {@code split}. */
  public static TofuSplit forget(ForgetSplit split) {
    return ofStem(split.forgetName());
  }

  /** The perturbed forget file of {@code split}. */
  public static TofuSplit forgetPerturbed(ForgetSplit split) {
    return ofStem(split.forgetPerturbedName());
  }

  /** The retain file complementary to {@code split}. */
  public static TofuSplit retain(ForgetSplit split) {
    return ofStem(split.retainName());
  }

  /** The holdout file the size of {@code split}. */
  public static TofuSplit holdout(ForgetSplit split) {
    return ofStem(split.holdoutName());
  }
}
