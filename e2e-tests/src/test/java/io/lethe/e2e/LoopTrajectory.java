package io.lethe.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.inprocess.LoopRun;
import io.lethe.orchestrator.control.EvaluationObservation;
import io.lethe.schemas.events.CheckpointEvent;
import io.lethe.schemas.events.EvaluationEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a controlled job did, in terms both the services' audit trail and an in-process run can
 * state: the weights at every training step, every computed metric of every evaluation, and every
 * decision with its reason. Timings and ids are left out: they differ by construction.
 *
 * @param checkpoints training step → SHA-256 of its weights (a step trained ahead of a decision
 *     that ended the job may be missing from one side: it lands after the job's end)
 * @param evaluations "step kind sha256" → computed metric id → value, in evaluation order
 * @param decisions "step DECISION reason", in order
 * @param result the job's result
 */
record LoopTrajectory(
    Map<Integer, String> checkpoints,
    Map<String, Map<String, Double>> evaluations,
    List<String> decisions,
    String result) {

  /** The trajectory the job API reports for job {@code id}. */
  static LoopTrajectory ofServices(EndToEndStack e2e, String id) {
    Map<Integer, String> checkpoints = new TreeMap<>();
    for (JsonNode c : e2e.api().checkpoints(id)) {
      if (!c.path("mixAlpha").isNumber()) {
        checkpoints.put(c.path("step").asInt(), c.path("sha256").asText());
      }
    }
    List<String> decisions = new ArrayList<>();
    int lastDecided = 0;
    for (JsonNode d : e2e.api().decisions(id)) {
      lastDecided = Math.max(lastDecided, d.path("step").asInt());
      decisions.add(
          d.path("step").asInt()
              + " "
              + d.path("decision").asText()
              + " "
              + d.path("reason").asText());
    }
    Map<String, Map<String, Double>> evaluations = new LinkedHashMap<>();
    for (JsonNode e : e2e.api().evaluations(id)) {
      if (e.path("step").asInt() > lastDecided) {
        continue; // a step trained ahead of the decision that ended the job, evaluated after it
      }
      Map<String, Double> computed = new TreeMap<>();
      e.path("metrics")
          .fields()
          .forEachRemaining(
              m -> {
                if (m.getValue().path("computed").asBoolean()) {
                  computed.put(m.getKey(), m.getValue().path("value").asDouble());
                }
              });
      evaluations.put(
          key(e.path("step").asInt(), e.path("kind").asText(), e.path("checkpointSha256").asText()),
          computed);
    }
    return new LoopTrajectory(
        checkpoints,
        evaluations,
        decisions,
        e2e.api().job(id).path("result").path("sha256").asText(null));
  }

  /** The trajectory of an in-process run. */
  static LoopTrajectory ofInProcess(LoopRun run) {
    Map<Integer, String> checkpoints = new TreeMap<>();
    for (CheckpointEvent c : run.checkpoints()) {
      if (c.mixAlpha() == null) {
        checkpoints.put(c.step(), c.sha256());
      }
    }
    Map<String, Map<String, Double>> evaluations = new LinkedHashMap<>();
    for (EvaluationEvent e : run.evaluations()) {
      evaluations.put(
          key(e.step(), e.kind().name(), e.checkpointSha256()),
          new TreeMap<>(EvaluationObservation.computedValues(e.metrics())));
    }
    List<String> decisions =
        run.decisions().stream()
            .map(d -> d.step() + " " + d.decision().decision().name() + " " + d.decision().reason())
            .toList();
    return new LoopTrajectory(checkpoints, evaluations, decisions, run.resultSha256());
  }

  /** The checkpoints of the steps both trajectories trained. */
  Map<Integer, String> checkpointsAlsoIn(LoopTrajectory other) {
    Map<Integer, String> common = new TreeMap<>(checkpoints);
    common.keySet().retainAll(other.checkpoints().keySet());
    return common;
  }

  private static String key(int step, String kind, String sha256) {
    return step + " " + kind + " " + sha256;
  }
}
