package io.lethe.evaluator.service;

import io.lethe.metrics.MetricValue;

/**
 * The metrics of one evaluation set that need the greedy generations (full evaluations only).
 *
 * @param rougeLRecall mean ROUGE-L recall against the gold answer
 * @param rougeLRecallPerItem its per-item values; null when not computed
 * @param tokenEntropy closer-look token entropy
 * @param cosineSimilarity closer-look cosine similarity
 * @param cosineSimilarityPerItem its per-item values; null when not computed
 * @param entailment closer-look entailment score
 * @param refusalRate fraction of generations matching a refusal template
 */
public record GeneratedSetScores(
    MetricValue rougeLRecall,
    double[] rougeLRecallPerItem,
    MetricValue tokenEntropy,
    MetricValue cosineSimilarity,
    double[] cosineSimilarityPerItem,
    MetricValue entailment,
    MetricValue refusalRate) {}
