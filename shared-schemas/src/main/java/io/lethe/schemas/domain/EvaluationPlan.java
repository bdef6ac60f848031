package io.lethe.schemas.domain;

import java.util.List;

/**
 * What to evaluate on a checkpoint; chosen by the orchestrator, carried by the segment command and
 * the checkpoint event so the generator needs no state of its own.
 *
 * @param kind none, probe or full
 * @param evalSets evaluation sets ({@code forget}, {@code retain}, {@code real_authors}, {@code
 *     world_facts})
 * @param maxItemsPerSet cap on items per set (TOFU uses 300)
 * @param shardSize items per generation shard (shards let several generator replicas share one
 *     evaluation)
 * @param retainModel the retain reference model, whose forget-set truth ratios forget quality
 *     compares against
 */
public record EvaluationPlan(
    EvaluationKind kind,
    List<String> evalSets,
    int maxItemsPerSet,
    int shardSize,
    ModelRef retainModel) {}
