package io.lethe.stack;

/**
 * A command line the launcher cannot act on; its message is meant for the user, next to the usage
 * text.
 */
public final class UsageException extends Exception {

  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
