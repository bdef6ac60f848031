package io.lethe.stack;

/**
 * The stack could not be brought up. The message is written for the person at the terminal: what
 * failed, which service, and the last lines of its log.
 */
public final class StackStartException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public StackStartException(String message) {
    super(message);
  }

  public StackStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
