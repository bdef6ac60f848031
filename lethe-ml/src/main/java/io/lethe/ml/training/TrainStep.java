package io.lethe.ml.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import io.lethe.ml.model.LlamaModel;
import io.lethe.ml.model.Scalars;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One optimizer step over a model with gradient accumulation: each micro-batch objective is
 * forwarded and back-propagated in its own sub-manager with its loss divided by the number of
 * micro-batches (so the gradient is that of the mean micro-batch loss, as HF's Trainer), then the
 * global norm is measured and optionally clipped, AdamW applies the scheduled learning rate, and
 * the gradients are zeroed (DJL's collector does not).
 *
 * <p>Not thread-safe: PyTorch allows one gradient collector at a time per JVM.
 */
public final class TrainStep {

  private final LlamaModel model;
  private final AdamW optimizer;
  private final LinearWarmupDecaySchedule schedule;
  private final double maxGradNorm;

  /**
   * @param maxGradNorm clip threshold; ≤ 0 disables clipping (the reference runs do not clip,
   *     methods.md §1.4)
   */
  public TrainStep(
      LlamaModel model, AdamW optimizer, LinearWarmupDecaySchedule schedule, double maxGradNorm) {
    this.model = model;
    this.optimizer = optimizer;
    this.schedule = schedule;
    this.maxGradNorm = maxGradNorm;
    model.setTrainable(true);
  }

  /** The optimizer (its state is what a checkpoint stores for resume). */
  public AdamW optimizer() {
    return optimizer;
  }

  /**
   * Gradient handles of every parameter, owned by {@code step} (DJL would otherwise add them to the
   * model's manager).
   */
  private Map<String, NDArray> gradients(NDManager step) {
    Map<String, NDArray> gradients = new LinkedHashMap<>();
    model
        .parameters()
        .forEach(
            (name, p) -> {
              NDArray g = p.getGradient();
              g.attach(step);
              gradients.put(name, g);
            });
    return gradients;
  }

  /** Applies one update from the mean of {@code microBatches}' losses. */
  public StepResult run(List<Objective> microBatches) {
    if (microBatches.isEmpty()) {
      throw new IllegalArgumentException("a step needs at least one micro-batch");
    }
    long start = System.nanoTime();
    double[] losses = new double[microBatches.size()];
    float scale = 1f / microBatches.size();
    double lr = schedule.learningRate(optimizer.stepCount());
    double norm;
    boolean clipped;
    try (NDManager step = model.manager().newSubManager()) {
      try {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          for (int i = 0; i < microBatches.size(); i++) {
            try (NDManager micro = model.manager().newSubManager()) {
              NDArray loss = microBatches.get(i).loss(model, micro);
              if (loss.getShape().size() != 1) {
                throw new IllegalStateException(
                    "an objective must return a scalar, got " + loss.getShape());
              }
              collector.backward(loss.mul(Scalars.of(loss, scale)));
              losses[i] = loss.getFloat();
            }
          }
        }
        Map<String, NDArray> gradients = gradients(step);
        norm = GradientClipping.clip(gradients.values(), maxGradNorm);
        clipped = maxGradNorm > 0 && maxGradNorm / (norm + 1e-6) < 1;
        optimizer.update(gradients, lr, step);
      } finally {
        // DJL's collector accumulates into .grad: clear it even when an objective failed half-way
        for (NDArray g : gradients(step).values()) {
          g.set(new NDIndex("..."), 0); // in place, also clears NaN (g − g would not)
        }
      }
    }
    double mean = 0;
    for (double l : losses) {
      mean += l / losses.length;
    }
    return new StepResult(
        optimizer.stepCount(), lr, mean, losses, norm, clipped, (System.nanoTime() - start) / 1e9);
  }
}
