package io.lethe.evaluator.service;

/**
 * Why a shard went to the dead-letter queue without being evaluated: its evaluation did not
 * complete in time (or was pushed out by newer ones) and was evicted to bound memory.
 */
public class IncompleteEvaluationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** An eviction with its reason. */
  public IncompleteEvaluationException(String message) {
    super(message);
  }
}
