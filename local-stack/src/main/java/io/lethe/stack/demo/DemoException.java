package io.lethe.stack.demo;

/** The demo could not complete; the message says where and why. */
public class DemoException extends RuntimeException {

  public DemoException(String message) {
    super(message);
  }

  public DemoException(String message, Throwable cause) {
    super(message, cause);
  }
}
