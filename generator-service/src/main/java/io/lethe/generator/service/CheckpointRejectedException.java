package io.lethe.generator.service;

import io.lethe.schemas.json.MalformedEventException;
import java.util.Locale;

/**
 * A checkpoint the generator refuses to evaluate: its weights do not hash to the published SHA-256,
 * or the directory cannot be used (missing, outside the store, no tokenizer). Retrying cannot help,
 * so the event is poison for the generator: it is dead-lettered with this message as the reason.
 */
public class CheckpointRejectedException extends MalformedEventException {

  /** Why a checkpoint was rejected (a bounded metric tag). */
  public enum Reason {
    /** The weights' SHA-256 differs from the published one. */
    INTEGRITY,
    /** The directory is missing, incomplete, outside the store or not loadable. */
    UNREADABLE;

    /** The metric tag value, e.g. {@code integrity}. */
    public String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Reason reason;

  public CheckpointRejectedException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** Why the checkpoint was rejected. */
  public Reason reason() {
    return reason;
  }
}
