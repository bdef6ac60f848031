package io.lethe.metrics;

import java.util.List;

/**
 * Stable definition ids ({@code family.name@version}) of every metric Lethe reports, so that an
 * evaluation event always says which formula produced a number (style guide rule 12).
 */
public final class MetricIds {

  /** Mean ROUGE-L recall of greedy generations against the gold answer (methods.md §3.4). */
  public static final String TOFU_ROUGE_L_RECALL = "tofu.rougeL_recall@1";

  /**
   * Mean per-token answer probability {@code exp(-S/n)}; options-normalised on real authors and
   * world facts (methods.md §3.4).
   */
  public static final String TOFU_PROBABILITY = "tofu.probability@1";

  /**
   * Truth ratio: {@code mean min(x, 1/x)} on the forget set, {@code mean max(0, 1 - 1/x)} elsewhere
   * (methods.md §3.4).
   */
  public static final String TOFU_TRUTH_RATIO = "tofu.truth_ratio@1";

  /** Two-sided two-sample KS p-value of forget-set truth ratios vs the retain model (§3.4). */
  public static final String TOFU_FORGET_QUALITY = "tofu.forget_quality@1";

  /** The KS statistic D behind {@link #TOFU_FORGET_QUALITY} (TOFU logs it as "KS Test Forget"). */
  public static final String TOFU_FORGET_KS_STATISTIC = "tofu.forget_ks_statistic@1";

  /** Harmonic mean of the 9 non-forget ROUGE / probability / truth-ratio numbers (§3.4). */
  public static final String TOFU_MODEL_UTILITY = "tofu.model_utility@1";

  /** Normalised unigram entropy of the generated sub-word pieces (methods.md §1.7 item 4). */
  public static final String CL_TOKEN_ENTROPY = "cl.token_entropy@1";

  /** Mean {@code max(0, cos)} between generation and reference embeddings (§1.7 item 5). */
  public static final String CL_COSINE_SIMILARITY = "cl.cosine_similarity@1";

  /** Fraction of items whose NLI label is entailment, gated by ROUGE-L recall (§1.7 item 6). */
  public static final String CL_ENTAILMENT = "cl.entailment@1";

  /**
   * sail-sg's forget truth ratio {@code 1 - mean min(x, 1/x)} (retained knowledge, §1.7 item 3).
   */
  public static final String CL_FORGET_TRUTH_RATIO = "cl.forget_truth_ratio@1";

  /** Harmonic mean of the 18 non-forget closer-look numbers (§1.7 aggregates). */
  public static final String CL_MODEL_UTILITY = "cl.model_utility@1";

  /** Harmonic mean of the 6 retain-set closer-look numbers ("Model Utility Retain"). */
  public static final String CL_MODEL_UTILITY_RETAIN = "cl.model_utility_retain@1";

  /** {@code 1 - mean(forget ROUGE, Prob, TR_F, CS, ES)} (§1.7 aggregates). */
  public static final String CL_FORGET_EFFICACY = "cl.forget_efficacy@1";

  /** Teacher-forced extraction strength {@code 1 - k* / |a|} (methods.md §2.5). */
  public static final String UWC_EXTRACTION_STRENGTH = "uwc.extraction_strength@1";

  /** Teacher-forced exact memorization {@code mean_t 1[pred_t = label_t]} (methods.md §2.5). */
  public static final String UWC_EXACT_MEMORIZATION = "uwc.exact_memorization@1";

  /** Fraction of generations that match a refusal ("I don't know") template (methods.md §7.5). */
  public static final String LETHE_REFUSAL_RATE = "lethe.refusal_rate@1";

  /** Every id above, for validation and documentation. */
  public static final List<String> ALL =
      List.of(
          TOFU_ROUGE_L_RECALL,
          TOFU_PROBABILITY,
          TOFU_TRUTH_RATIO,
          TOFU_FORGET_QUALITY,
          TOFU_FORGET_KS_STATISTIC,
          TOFU_MODEL_UTILITY,
          CL_TOKEN_ENTROPY,
          CL_COSINE_SIMILARITY,
          CL_ENTAILMENT,
          CL_FORGET_TRUTH_RATIO,
          CL_MODEL_UTILITY,
          CL_MODEL_UTILITY_RETAIN,
          CL_FORGET_EFFICACY,
          UWC_EXTRACTION_STRENGTH,
          UWC_EXACT_MEMORIZATION,
          LETHE_REFUSAL_RATE);

  private MetricIds() {}
}
