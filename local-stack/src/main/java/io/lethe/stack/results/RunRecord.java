package io.lethe.stack.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One job's report ({@code GET /jobs/{id}/report}) as the results need it: the metrics of every
 * evaluated checkpoint in step order, the floor, the controller's decisions and the result.
 *
 * @param name what the run is, e.g. {@code GA+GD halt}
 * @param method the unlearning method
 * @param control uncontrolled, halt or mix (null for a reference evaluation)
 * @param jobId the job
 * @param status how it ended
 * @param statusReason why, as the orchestrator says
 * @param plannedSteps optimizer steps the schedule plans
 * @param points every evaluated checkpoint (mixed models with their α)
 * @param floors metric id → the value it must stay above
 * @param decisions the controller's decisions, in order
 * @param stepsPastCrossing steps trained past a floor crossing and discarded
 * @param resultStep step of the result checkpoint, or null
 * @param resultAlpha α of the result when it is a mixed model, or null
 */
public record RunRecord(
    String name,
    String method,
    ResultsPlan.Control control,
    String jobId,
    String status,
    String statusReason,
    Integer plannedSteps,
    List<Point> points,
    Map<String, Double> floors,
    List<Mark> decisions,
    int stepsPastCrossing,
    Integer resultStep,
    Double resultAlpha) {

  public RunRecord {
    points = List.copyOf(points);
    floors = Map.copyOf(floors);
    decisions = List.copyOf(decisions);
  }

  /**
   * An evaluated checkpoint.
   *
   * @param step optimizer step
   * @param kind FULL or PROBE
   * @param mixAlpha α of a mixed model, or null
   * @param metrics metric id → value
   * @param notComputed metric id → why it was not computed
   */
  public record Point(
      int step,
      String kind,
      Double mixAlpha,
      Map<String, Double> metrics,
      Map<String, String> notComputed) {

    public Point {
      metrics = Map.copyOf(metrics);
      notComputed = Map.copyOf(notComputed);
    }

    /** The value of {@code metricId}, or NaN when this evaluation has none. */
    public double metric(String metricId) {
      Double v = metrics.get(metricId);
      return v == null ? Double.NaN : v;
    }

    boolean isTrajectory() {
      return "FULL".equals(kind) && mixAlpha == null;
    }
  }

  /** A decision of the controller. */
  public record Mark(int step, String decision, String reason, Double mixAlpha) {}

  /** Reads a report as the orchestrator writes it. */
  public static RunRecord of(
      String name, String method, ResultsPlan.Control control, JsonNode report) {
    JsonNode job = report.path("job");
    List<Point> points = new ArrayList<>();
    for (JsonNode p : report.path("points")) {
      Map<String, Double> metrics = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = p.path("metrics").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getValue().isNumber()) {
          metrics.put(e.getKey(), e.getValue().asDouble());
        }
      }
      Map<String, String> missing = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = p.path("notComputed").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        missing.put(e.getKey(), e.getValue().asText(""));
      }
      points.add(
          new Point(
              p.path("step").asInt(),
              p.path("kind").asText("FULL"),
              p.path("mixAlpha").isNumber() ? p.path("mixAlpha").asDouble() : null,
              metrics,
              missing));
    }
    Map<String, Double> floors = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = report.path("floors").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isNumber()) {
        floors.put(e.getKey(), e.getValue().asDouble());
      }
    }
    List<Mark> marks = new ArrayList<>();
    for (JsonNode d : report.path("decisions")) {
      marks.add(
          new Mark(
              d.path("step").asInt(),
              d.path("decision").asText(),
              d.path("reason").asText(""),
              d.path("mixAlpha").isNumber() ? d.path("mixAlpha").asDouble() : null));
    }
    return new RunRecord(
        name,
        method,
        control,
        job.path("id").asText(),
        job.path("status").asText(),
        job.path("statusReason").isTextual() ? job.path("statusReason").asText() : null,
        job.path("plannedSteps").isNumber() ? job.path("plannedSteps").asInt() : null,
        points,
        floors,
        marks,
        report.path("stepsTrainedPastCrossing").asInt(),
        report.path("resultStep").isNumber() ? report.path("resultStep").asInt() : null,
        report.path("resultMixAlpha").isNumber() ? report.path("resultMixAlpha").asDouble() : null);
  }

  /** Full evaluations of unmixed checkpoints, in step order: the run's trajectory. */
  public List<Point> trajectory() {
    return points.stream().filter(Point::isTrajectory).toList();
  }

  /** Evaluations of mixed models, in order of α. */
  public List<Point> mixes() {
    return points.stream()
        .filter(p -> p.mixAlpha() != null)
        .sorted((a, b) -> Double.compare(a.mixAlpha(), b.mixAlpha()))
        .toList();
  }

  /** The step-0 evaluation (the starting model), if there is one. */
  public Optional<Point> baseline() {
    return trajectory().stream().filter(p -> p.step() == 0).findFirst();
  }

  /** The furthest evaluated step's evaluation (the end of the trajectory). */
  public Optional<Point> last() {
    List<Point> t = trajectory();
    return t.isEmpty() ? Optional.empty() : Optional.of(t.get(t.size() - 1));
  }

  /** The evaluation of the job's result checkpoint (a mixed model when MIX found one). */
  public Optional<Point> result() {
    if (resultStep == null) {
      return Optional.empty();
    }
    return points.stream()
        .filter(p -> "FULL".equals(p.kind()) && p.step() == resultStep)
        .filter(
            p ->
                resultAlpha == null
                    ? p.mixAlpha() == null
                    : p.mixAlpha() != null && p.mixAlpha().doubleValue() == resultAlpha)
        .findFirst();
  }

  /** Value of {@code metricId} at the step-0 evaluation, NaN without one. */
  public double atStart(String metricId) {
    return baseline().map(p -> p.metric(metricId)).orElse(Double.NaN);
  }

  /** Value of {@code metricId} at the last evaluated step, NaN without one. */
  public double atEnd(String metricId) {
    return last().map(p -> p.metric(metricId)).orElse(Double.NaN);
  }

  /** Value of {@code metricId} at the result, NaN without one. */
  public double atResult(String metricId) {
    return result().map(p -> p.metric(metricId)).orElse(Double.NaN);
  }

  /** The furthest step the trainer reached that was evaluated (0 without evaluations). */
  public int lastStep() {
    return last().map(Point::step).orElse(0);
  }

  /** The floor of {@code metricId}, NaN when the run had none. */
  public double floor(String metricId) {
    Double f = floors.get(metricId);
    return f == null ? Double.NaN : f;
  }

  /**
   * Why {@code metricId} was not computed at the last evaluation, when it was not (empty when it
   * was, or the run has no evaluation).
   */
  public Optional<String> notComputedReason(String metricId) {
    return last().map(p -> p.notComputed().get(metricId));
  }

  /**
   * The decisions other than CONTINUE, e.g. {@code HALT@10} or {@code MIX@5 ×4, COMPLETE@5}:
   * repeats of one decision at one step are counted.
   */
  public String decisionSummary() {
    StringBuilder s = new StringBuilder();
    String previous = null;
    int repeats = 0;
    for (Mark d : decisions) {
      if ("CONTINUE".equals(d.decision())) {
        continue;
      }
      String mark = d.decision() + "@" + d.step();
      if (mark.equals(previous)) {
        repeats++;
        continue;
      }
      append(s, previous, repeats);
      previous = mark;
      repeats = 1;
    }
    append(s, previous, repeats);
    return s.toString();
  }

  private static void append(StringBuilder s, String mark, int repeats) {
    if (mark == null) {
      return;
    }
    s.append(s.length() == 0 ? "" : ", ").append(mark);
    if (repeats > 1) {
      s.append(" ×").append(repeats);
    }
  }
}
