package io.lethe.orchestrator.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything that happened to a job that the controller may base a decision on, in arrival order —
 * except that the baseline (the evaluation of step 0) always comes first. The generator works on
 * the shards of two checkpoints at once (the trainer runs ahead), so a short job's step-2
 * evaluation can be complete before its step-0 one. Decided on arrival, the step-2 evaluation could
 * only wait for the baseline; when the baseline then arrives, the decision due is the one about
 * step 2, now measurable against it. Kept last, the baseline would be judged instead, the step
 * budget would look unspent and the job would wait forever for an evaluation that never comes (seen
 * in session 14's continual results run).
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

  public JobHistory {
    evaluations = baselineFirst(evaluations);
  }

  private static List<EvaluationObservation> baselineFirst(List<EvaluationObservation> arrived) {
    List<EvaluationObservation> ordered = new ArrayList<>(arrived.size());
    arrived.stream().filter(JobHistory::isBaseline).findFirst().ifPresent(ordered::add);
    for (EvaluationObservation e : arrived) {
      if (ordered.isEmpty() || e != ordered.get(0)) {
        ordered.add(e);
      }
    }
    return List.copyOf(ordered);
  }

  private static boolean isBaseline(EvaluationObservation e) {
    return e.step() == 0 && !e.isMix();
  }

  /** The evaluation of step 0 (the starting model), against which floors are measured. */
  public Optional<EvaluationObservation> baseline() {
    return evaluations.stream().filter(JobHistory::isBaseline).findFirst();
  }

  /**
   * The step a decision on this history is about: the latest evaluation's, which is not the
   * arriving evaluation's when that one is a late baseline (see the class comment).
   *
   * @param arriving the step of the evaluation that triggered the decision (used if none is known)
   */
  public int decisionStep(int arriving) {
    return latest().map(EvaluationObservation::step).orElse(arriving);
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
