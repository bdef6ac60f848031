package io.lethe.trainer.service;

import ai.djl.Device;
import io.lethe.ml.checkpoint.CheckpointStore;
import io.lethe.ml.checkpoint.LoadedCheckpoint;
import io.lethe.ml.model.LlamaModel;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The frozen reference model of NPO, DPO and KL (methods.md §1.4), kept between segments: a job's
 * segments all use the same reference, and loading and hashing it again for every segment would
 * cost as much as a few steps. Keyed by the weights' SHA-256, so a reference verified once is the
 * same bits whichever job names it; one model is kept (one job trains at a time).
 */
public final class ReferenceModels implements AutoCloseable {

  private String sha256;
  private LoadedCheckpoint cached;

  /**
   * The frozen model of the checkpoint in {@code directory}, verified against {@code sha256} when
   * it is loaded.
   *
   * @throws io.lethe.ml.checkpoint.CheckpointIntegrityException if the weights do not match
   */
  public synchronized LlamaModel get(Path directory, String sha256, Device device)
      throws IOException {
    if (cached != null
        && this.sha256.equalsIgnoreCase(sha256)
        && cached.model().device().equals(device)) {
      return cached.model();
    }
    LoadedCheckpoint loaded = CheckpointStore.load(directory, sha256, device);
    loaded.model().setTrainable(false);
    close();
    cached = loaded;
    this.sha256 = loaded.checkpoint().modelSha256();
    return cached.model();
  }

  /** Frees the cached model. */
  @Override
  public synchronized void close() {
    if (cached != null) {
      cached.close();
      cached = null;
      sha256 = null;
    }
  }
}
