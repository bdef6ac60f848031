package io.lethe.orchestrator.service;

import io.lethe.schemas.domain.ControlPolicy;
import io.lethe.schemas.domain.DatasetRef;
import io.lethe.schemas.domain.Hyperparameters;
import io.lethe.schemas.domain.JobKind;
import io.lethe.schemas.domain.ModelRef;

/**
 * A validated job as the orchestrator plans it (the API's request, resolved to domain types and
 * defaults).
 */
public record JobSpec(
    JobKind kind,
    String method,
    DatasetRef dataset,
    ModelRef startModel,
    ModelRef retainModel,
    Hyperparameters hyperparameters,
    ControlPolicy policy,
    int maxItemsPerSet,
    int shardSize,
    String afterJobId,
    boolean fixedReference,
    long seed) {}
