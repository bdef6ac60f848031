package io.lethe.schemas.domain;

/** How thoroughly a checkpoint is evaluated. */
public enum EvaluationKind {
  /** No evaluation of this checkpoint. */
  NONE,
  /** Cheap: teacher-forced scores on small subsets (no generation). */
  PROBE,
  /** Every metric on every evaluation set, with greedy generation. */
  FULL
}
