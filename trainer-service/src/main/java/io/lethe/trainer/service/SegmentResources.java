package io.lethe.trainer.service;

import ai.djl.Device;
import io.lethe.trainer.training.TrainingObserver;
import java.util.function.Supplier;

/**
 * What every kind of segment works with: the checkpoint store, the cached dataset and reference
 * model, the device models run on, and the observer of training steps.
 *
 * @param store the checkpoint store
 * @param benchmarks the job's dataset, cached
 * @param references the frozen reference model, cached
 * @param device the device (resolved on first use, when the engine is loaded)
 * @param observer told about every optimizer step
 */
record SegmentResources(
    SegmentStore store,
    BenchmarkCache benchmarks,
    ReferenceModels references,
    Supplier<Device> device,
    TrainingObserver observer) {}
