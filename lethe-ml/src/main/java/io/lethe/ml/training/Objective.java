package io.lethe.ml.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.lethe.ml.model.LlamaModel;

/**
 * The loss of one micro-batch, supplied by the caller so that any objective (HF mean NLL here; GA,
 * NPO, ME, IDK, DPO, KL… in the unlearning module) plugs into the same optimizer step.
 */
@FunctionalInterface
public interface Objective {

  /**
   * Runs the forward pass(es) of {@code model} on inputs created in {@code manager} (and, for
   * reference-model terms, of frozen models) and returns a scalar loss. Called while gradients are
   * being recorded; every array it creates must be in {@code manager}, which is closed after the
   * backward pass.
   */
  NDArray loss(LlamaModel model, NDManager manager);
}
