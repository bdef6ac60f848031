package io.lethe.stack.demo;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What one unlearning job of the demo ended with, read from its report.
 *
 * @param method the unlearning method
 * @param jobId the job
 * @param status how it ended
 * @param resultStep the step of its result checkpoint (the last one that met every floor)
 * @param resultAlpha α of the result when it is a mixed model, NaN otherwise
 * @param lastStep the furthest evaluated step
 * @param baselineUtility TOFU model utility of the starting model
 * @param resultUtility TOFU model utility at the result
 * @param forgetRouge ROUGE-L recall on the forget set at the result
 * @param forgetQuality forget quality at the result
 * @param retainRouge ROUGE-L recall on the retain set at the result
 * @param stepsPastCrossing steps trained past a floor crossing (discarded)
 * @param decisions the controller's decisions other than CONTINUE, in order, repeats of one
 *     decision at one step counted ({@code MIX@5 ×4})
 */
public record DemoOutcome(
    String method,
    String jobId,
    String status,
    int resultStep,
    double resultAlpha,
    int lastStep,
    double baselineUtility,
    double resultUtility,
    double forgetRouge,
    double forgetQuality,
    double retainRouge,
    int stepsPastCrossing,
    String decisions) {

  static final String MU = "tofu.model_utility@1";

  static DemoOutcome of(String method, JsonNode report) {
    JsonNode job = report.path("job");
    JsonNode points = report.path("points");
    int resultStep = report.path("resultStep").isNumber() ? report.path("resultStep").asInt() : -1;
    double resultAlpha =
        report.path("resultMixAlpha").isNumber()
            ? report.path("resultMixAlpha").asDouble()
            : Double.NaN;
    JsonNode baseline = null;
    JsonNode result = null;
    int lastStep = 0;
    for (JsonNode p : points) {
      if (!"FULL".equals(p.path("kind").asText())) {
        continue;
      }
      boolean mixed = p.path("mixAlpha").isNumber();
      int step = p.path("step").asInt();
      if (!mixed && step == 0 && baseline == null) {
        baseline = p;
      }
      if (!mixed) {
        lastStep = Math.max(lastStep, step);
      }
      boolean isResult =
          step == resultStep
              && (mixed ? p.path("mixAlpha").asDouble() == resultAlpha : Double.isNaN(resultAlpha));
      if (isResult) {
        result = p;
      }
    }
    StringBuilder decisions = new StringBuilder();
    String previous = null;
    int repeats = 0;
    for (JsonNode d : report.path("decisions")) {
      String decision = d.path("decision").asText();
      if ("CONTINUE".equals(decision)) {
        continue;
      }
      String mark = decision + "@" + d.path("step").asInt();
      if (mark.equals(previous)) {
        repeats++;
        continue;
      }
      appendMark(decisions, previous, repeats);
      previous = mark;
      repeats = 1;
    }
    appendMark(decisions, previous, repeats);
    return new DemoOutcome(
        method,
        job.path("id").asText(),
        job.path("status").asText(),
        resultStep,
        resultAlpha,
        lastStep,
        metric(baseline, MU),
        metric(result, MU),
        metric(result, "tofu.rougeL_recall@1/forget"),
        metric(result, "tofu.forget_quality@1"),
        metric(result, "tofu.rougeL_recall@1/retain"),
        report.path("stepsTrainedPastCrossing").asInt(),
        decisions.toString());
  }

  private static void appendMark(StringBuilder decisions, String mark, int repeats) {
    if (mark == null) {
      return;
    }
    decisions.append(decisions.length() == 0 ? "" : ", ").append(mark);
    if (repeats > 1) {
      decisions.append(" ×").append(repeats);
    }
  }

  private static double metric(JsonNode point, String id) {
    if (point == null) {
      return Double.NaN;
    }
    JsonNode v = point.path("metrics").path(id);
    return v.isNumber() ? v.asDouble() : Double.NaN;
  }
}
