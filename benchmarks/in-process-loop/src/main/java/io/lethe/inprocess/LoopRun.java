package io.lethe.inprocess;

import io.lethe.orchestrator.domain.JobStatus;
import io.lethe.schemas.events.CheckpointEvent;
import io.lethe.schemas.events.EvaluationEvent;
import java.util.List;

/**
 * One job run in-process: what it produced and what it cost.
 *
 * @param mode serial or pipelined
 * @param status how the job ended
 * @param resultSha256 its result, or null
 * @param checkpoints every checkpoint the trainer wrote, in order (run-ahead included)
 * @param evaluations every evaluation, in order
 * @param decisions the controller's decisions, in order
 * @param wallSeconds first command to the decision that ended the job
 * @param trainerSeconds the segments' own timings (model load, training, checkpoint save)
 * @param generatorSeconds the generator's shard computations ({@code lethe.generation.seconds})
 * @param evaluatorSeconds the evaluator's metric computations
 */
public record LoopRun(
    LoopMode mode,
    JobStatus status,
    String resultSha256,
    List<CheckpointEvent> checkpoints,
    List<EvaluationEvent> evaluations,
    List<StepDecision> decisions,
    double wallSeconds,
    double trainerSeconds,
    double generatorSeconds,
    double evaluatorSeconds) {

  public LoopRun {
    checkpoints = List.copyOf(checkpoints);
    evaluations = List.copyOf(evaluations);
    decisions = List.copyOf(decisions);
  }

  /**
   * Optimizer steps trained (mixed models and repeated steps not counted), as LoopCostBenchmark.
   */
  public long steps() {
    long steps = 0;
    int previous = 0;
    for (CheckpointEvent c : checkpoints) {
      if (c.mixAlpha() == null) {
        steps += Math.max(0, c.step() - previous);
        previous = c.step();
      }
    }
    return steps;
  }

  /** The result's checkpoint, as a later job would start from it. */
  public CheckpointEvent result() {
    return checkpoints.stream()
        .filter(c -> c.sha256().equals(resultSha256))
        .reduce((first, second) -> second)
        .orElseThrow(() -> new IllegalStateException("the job has no result (" + status + ")"));
  }

  /** The sum of the work: what the loop would take with nothing overlapping. */
  public double serialWorkSeconds() {
    return trainerSeconds + generatorSeconds + evaluatorSeconds;
  }
}
