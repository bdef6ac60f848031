package io.lethe.schemas;

/**
 * Kafka topic names of the Lethe loop. Every record is keyed by {@code jobId}, so one job's events
 * stay ordered in one partition. Each input topic has a dead-letter twin ({@code <topic>-dlq}) for
 * events that cannot be processed.
 */
public final class Topics {

  /** Segment commands: orchestrator → trainer. */
  public static final String UNLEARNING_STEPS = "unlearning-steps";

  /** Checkpoints written at segment ends: trainer → generator, orchestrator. */
  public static final String CHECKPOINTS = "checkpoints";

  /**
   * Segments that could not be trained (non-finite loss, bad checkpoint, …): trainer →
   * orchestrator.
   */
  public static final String STEP_FAILURES = "step-failures";

  /** Generated answers and teacher-forced scores per evaluation shard: generator → evaluator. */
  public static final String GENERATIONS = "generations";

  /** Metrics of one checkpoint: evaluator → orchestrator (and downstream consumers). */
  public static final String EVALUATIONS = "evaluations";

  /**
   * Every decision of the controller, with its inputs: orchestrator → audit, downstream, Grafana.
   */
  public static final String CONTROL_DECISIONS = "control-decisions";

  private Topics() {}

  /** Dead-letter topic of {@code topic}. */
  public static String deadLetter(String topic) {
    return topic + "-dlq";
  }
}
