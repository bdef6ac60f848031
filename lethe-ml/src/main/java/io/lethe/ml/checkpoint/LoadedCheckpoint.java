package io.lethe.ml.checkpoint;

import io.lethe.ml.model.LlamaModel;
import java.nio.file.Path;

/**
 * A verified checkpoint in memory: the model plus what the directory says about it.
 *
 * @param model the weights, on the requested device
 * @param checkpoint directory, verified hash and lineage
 * @param tokenizerJson the directory's {@code tokenizer.json}, or {@code null} if it has none
 */
public record LoadedCheckpoint(LlamaModel model, Checkpoint checkpoint, Path tokenizerJson)
    implements AutoCloseable {

  @Override
  public void close() {
    model.close();
  }
}
