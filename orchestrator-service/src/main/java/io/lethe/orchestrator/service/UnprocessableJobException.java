package io.lethe.orchestrator.service;

/**
 * A well-formed job that cannot be accepted as it stands (e.g. it follows a job that ended without
 * a result).
 */
public class UnprocessableJobException extends RuntimeException {

  public UnprocessableJobException(String message) {
    super(message);
  }
}
