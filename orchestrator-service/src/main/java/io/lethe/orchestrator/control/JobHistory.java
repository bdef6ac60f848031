package io.lethe.orchestrator.control;

import java.util.List;
import java.util.Optional;

/**
 * Everything that happened to a job that the controller may base a decision on, in arrival order.
 *
 * @param checkpoints checkpoints published so far
 * @param evaluations evaluations received so far; the last one is the one being decided on
 * @param failure reason the trainer gave for a failed segment, or null
 * @param plannedSteps the job's total optimizer steps (its step budget from the schedule)
 */
public record JobHistory(
    List<CheckpointObservation> checkpoints,
    List<EvaluationObservation> evaluations,
    String failure,
    int plannedSteps) {

  /** The evaluation of step 0 (the starting model), against which floors are measured. */
  public Optional<EvaluationObservation> baseline() {
    return evaluations.stream().filter(e -> e.step() == 0 && !e.isMix()).findFirst();
  }

  /** The most recent evaluation. */
  public Optional<EvaluationObservation> latest() {
    return evaluations.isEmpty()
        ? Optional.empty()
        : Optional.of(evaluations.get(evaluations.size() - 1));
  }

  /**
   * The checkpoint of an evaluation: these weights at this step (identical weights can appear at
   * two steps, e.g. after a warm-up step with learning rate 0).
   */
  public Optional<CheckpointObservation> checkpoint(String sha256, int step) {
    return checkpoints.stream()
        .filter(c -> c.sha256().equals(sha256) && c.step() == step)
        .reduce((first, second) -> second);
  }

  /**
   * The furthest step any (non-mix) checkpoint has reached, including steps trained ahead of
   * evaluation.
   */
  public int furthestStep() {
    return checkpoints.stream()
        .filter(c -> !c.isMix())
        .mapToInt(CheckpointObservation::step)
        .max()
        .orElse(0);
  }
}
