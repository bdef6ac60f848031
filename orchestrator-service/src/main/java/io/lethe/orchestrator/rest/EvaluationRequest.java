package io.lethe.orchestrator.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * How much of each evaluation set a job's evaluations cover. Defaults: TOFU's 300 items per set
 * (ds_size) in shards of 25; smaller values make evaluations cheaper (e.g. for smoke tests), at the
 * cost of coarser metrics.
 *
 * @param maxItemsPerSet items per evaluation set
 * @param shardSize items per generation shard
 */
public record EvaluationRequest(
    @Min(value = 1, message = "must be an integer in [1, 10000]")
        @Max(value = 10_000, message = "must be an integer in [1, 10000]")
        Integer maxItemsPerSet,
    @Min(value = 1, message = "must be an integer in [1, 1000]")
        @Max(value = 1_000, message = "must be an integer in [1, 1000]")
        Integer shardSize) {}
