package io.lethe.evaluator.service;

import io.lethe.schemas.domain.MetricResult;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one evaluation's computation, in the shape of the {@code evaluations} event.
 *
 * @param metrics metric key ({@code <id>} or {@code <id>/<set>}) → value or not-computed reason,
 *     sorted by key
 * @param perSample metric key → per-item values in item-index order, sorted by key
 */
public record ComputedMetrics(
    Map<String, MetricResult> metrics, Map<String, List<Double>> perSample) {}
