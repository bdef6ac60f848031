package io.lethe.stack.results;

/**
 * The metric ids the results read, as the evaluator reports them ({@code id@version/set}); see
 * methods.md §1.7 and §3.4 for their definitions.
 */
public final class Metrics {

  /** TOFU model utility (harmonic mean of the 9 non-forget numbers): the floor metric. */
  public static final String MU = "tofu.model_utility@1";

  /** Forget quality: KS p-value of forget truth ratios vs the retain model's. */
  public static final String FQ = "tofu.forget_quality@1";

  public static final String ROUGE_FORGET = "tofu.rougeL_recall@1/forget";
  public static final String ROUGE_RETAIN = "tofu.rougeL_recall@1/retain";
  public static final String PROB_FORGET = "tofu.probability@1/forget";
  public static final String PROB_RETAIN = "tofu.probability@1/retain";

  /** TOFU forget truth ratio {@code mean min(R, 1/R)}. */
  public static final String TR_FORGET = "tofu.truth_ratio@1/forget";

  public static final String REFUSAL_FORGET = "lethe.refusal_rate@1/forget";
  public static final String REFUSAL_RETAIN = "lethe.refusal_rate@1/retain";
  public static final String TE_FORGET = "cl.token_entropy@1/forget";
  public static final String TE_RETAIN = "cl.token_entropy@1/retain";

  /** Mean next-token entropy (nats) over the gold forget answers. */
  public static final String PRED_ENTROPY_FORGET = "lethe.predictive_entropy@1/forget";

  public static final String CS_FORGET = "cl.cosine_similarity@1/forget";
  public static final String CS_RETAIN = "cl.cosine_similarity@1/retain";
  public static final String ENTAILMENT_FORGET = "cl.entailment@1/forget";
  public static final String ENTAILMENT_RETAIN = "cl.entailment@1/retain";
  public static final String FORGET_EFFICACY = "cl.forget_efficacy@1";
  public static final String ES_RETAIN = "uwc.extraction_strength@1/retain";
  public static final String ES_FORGET = "uwc.extraction_strength@1/forget";

  private Metrics() {}
}
