package io.lethe.schemas.json;

/**
 * An event payload that cannot be read or violates its schema: poison input, to be dead-lettered —
 * never retried, never a crash loop.
 */
public class MalformedEventException extends RuntimeException {

  public MalformedEventException(String message) {
    super(message);
  }

  public MalformedEventException(String message, Throwable cause) {
    super(message, cause);
  }
}
