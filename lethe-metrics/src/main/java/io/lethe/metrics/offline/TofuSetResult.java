package io.lethe.metrics.offline;

import io.lethe.metrics.tofu.TofuEvalSet;
import io.lethe.metrics.tofu.TofuSetScores;

/**
 * The TOFU numbers of one set of one model, with the per-item truth ratios they came from (kept for
 * the forget-quality test).
 *
 * @param set the evaluation set
 * @param scores ROUGE-L recall, probability and truth ratio
 * @param truthRatios per item, x = exp(mean perturbed avg loss − paraphrased avg loss)
 */
public record TofuSetResult(TofuEvalSet set, TofuSetScores scores, double[] truthRatios) {}
