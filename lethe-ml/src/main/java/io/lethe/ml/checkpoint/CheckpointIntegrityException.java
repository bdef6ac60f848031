package io.lethe.ml.checkpoint;

import java.io.IOException;

/**
 * The weights of a checkpoint do not have the SHA-256 they were published with: the file is
 * corrupted, truncated or not the checkpoint an event refers to, and must not be used.
 */
public class CheckpointIntegrityException extends IOException {

  private final String expectedSha256;
  private final String actualSha256;

  public CheckpointIntegrityException(String message, String expectedSha256, String actualSha256) {
    super(message);
    this.expectedSha256 = expectedSha256;
    this.actualSha256 = actualSha256;
  }

  /** Hash the caller (or the lineage file) expected. */
  public String expectedSha256() {
    return expectedSha256;
  }

  /** Hash of the file on disk. */
  public String actualSha256() {
    return actualSha256;
  }
}
