package io.lethe.evaluator.service;

import io.lethe.metrics.MetricValue;

/**
 * The metrics of one evaluation set that need only teacher-forced scores — all a probe evaluation
 * has.
 *
 * @param probability mean (or options-normalised) answer probability
 * @param probabilityPerItem its per-item values; null when not computed
 * @param truthRatio the set's truth-ratio aggregate
 * @param truthRatios per-item x = P(base)^(1/n) / geomean_j P(pert_j)^(1/n_j); null when not
 *     computed
 * @param forgetTruthRatio closer-look's TR_F (forget set only; null on the other sets)
 * @param extractionStrength teacher-forced extraction strength
 * @param extractionStrengthPerItem its per-item values; null when not computed
 * @param exactMemorization exact memorization
 * @param predictiveEntropy mean next-token entropy over gold answer positions (nats)
 */
public record TeacherForcedSetScores(
    MetricValue probability,
    double[] probabilityPerItem,
    MetricValue truthRatio,
    double[] truthRatios,
    MetricValue forgetTruthRatio,
    MetricValue extractionStrength,
    double[] extractionStrengthPerItem,
    MetricValue exactMemorization,
    MetricValue predictiveEntropy) {}
