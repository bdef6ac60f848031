package io.lethe.ml.training;

import io.lethe.ml.model.LlamaModel;

/**
 * A model built by {@link FineTuner} together with the summary of its run; closing it frees the
 * model's native memory.
 *
 * @param model the trained model, no longer trainable (ready for generation and scoring)
 * @param summary what the run did
 */
public record FineTunedModel(LlamaModel model, FineTuneSummary summary) implements AutoCloseable {

  @Override
  public void close() {
    model.close();
  }
}
