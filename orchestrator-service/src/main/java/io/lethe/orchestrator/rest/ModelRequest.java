package io.lethe.orchestrator.rest;

import io.lethe.orchestrator.rest.validation.CheckpointLocation;
import io.lethe.schemas.domain.ModelRef;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A model to start from: a stored checkpoint (uri + sha256) or a fresh model of a preset.
 *
 * @param uri checkpoint directory: a {@code file:///…} URI or absolute path, inside the checkpoint
 *     root when {@code lethe.checkpoints.root} is set
 * @param sha256 expected SHA-256 of its weights (64 hex digits)
 * @param preset {@code tiny} or {@code micro}
 */
public record ModelRequest(
    @Size(max = 1024, message = "must be at most 1024 characters") @CheckpointLocation String uri,
    @Pattern(regexp = "[0-9a-f]{64}", message = "sha256 must be 64 lowercase hex digits")
        String sha256,
    @Pattern(regexp = "tiny|micro", message = "preset must be tiny or micro") String preset) {

  /** Exactly one of a checkpoint (uri and sha256) or a preset. */
  @AssertTrue(message = "give either uri and sha256 of a checkpoint, or a preset")
  public boolean isComplete() {
    boolean checkpoint = isCheckpoint();
    boolean fresh = preset != null && uri == null && sha256 == null;
    return checkpoint != fresh;
  }

  boolean isCheckpoint() {
    return uri != null && !uri.isBlank() && sha256 != null && preset == null;
  }

  ModelRef toRef() {
    return isCheckpoint() ? ModelRef.checkpoint(uri, sha256) : ModelRef.fresh(preset);
  }
}
