package io.lethe.orchestrator.report;

import io.lethe.orchestrator.rest.JobView;
import java.util.List;
import java.util.Map;

/**
 * Everything a person needs to judge a job: what it was asked to do, the metrics of every evaluated
 * checkpoint, the floors, each decision of the controller, and the result.
 *
 * @param job the job
 * @param points one per evaluated checkpoint, in step order (mixed models separately, with their α)
 * @param floors metric id → the value it must stay above (from the baseline)
 * @param decisions the controller's decisions
 * @param stepsTrainedPastCrossing steps the trainer had run past the evaluation that crossed a
 *     floor (0 if none)
 * @param resultStep step of the job's result checkpoint, once it has one
 * @param resultMixAlpha α when the result is a mixed model
 */
public record JobReport(
    JobView job,
    List<Point> points,
    Map<String, Double> floors,
    List<DecisionMark> decisions,
    int stepsTrainedPastCrossing,
    Integer resultStep,
    Double resultMixAlpha) {

  /**
   * The metrics of one evaluated checkpoint.
   *
   * @param step optimizer step
   * @param kind probe or full
   * @param mixAlpha α when it is a mixed model
   * @param metrics computed metric id → value
   * @param notComputed metric id → reason, for metrics that could not be computed
   */
  public record Point(
      int step,
      String kind,
      Double mixAlpha,
      Map<String, Double> metrics,
      Map<String, String> notComputed) {}

  /** A decision, as a marker on the plots. */
  public record DecisionMark(int step, String decision, String reason, Double mixAlpha) {}
}
