package io.lethe.orchestrator.service;

/** A request that conflicts with the job's state (e.g. cancelling a job that has ended). */
public class JobConflictException extends RuntimeException {

  public JobConflictException(String message) {
    super(message);
  }
}
