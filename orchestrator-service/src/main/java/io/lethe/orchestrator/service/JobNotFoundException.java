package io.lethe.orchestrator.service;

/** A job id that does not exist (or is not visible to the caller). */
public class JobNotFoundException extends RuntimeException {

  public JobNotFoundException(String jobId) {
    super("no job " + jobId);
  }
}
