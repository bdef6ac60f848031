package io.lethe.stack.results;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-made runs for the results tests: no stack, every number chosen by the test. */
final class Fixtures {

  private Fixtures() {}

  /** A full evaluation at {@code step} with alternating metric ids and values. */
  static RunRecord.Point at(int step, Object... idsAndValues) {
    return mixAt(step, null, idsAndValues);
  }

  /** A mixed model's evaluation at {@code step} with {@code alpha}. */
  static RunRecord.Point mixAt(int step, Double alpha, Object... idsAndValues) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < idsAndValues.length; i += 2) {
      m.put((String) idsAndValues[i], ((Number) idsAndValues[i + 1]).doubleValue());
    }
    return new RunRecord.Point(step, "FULL", alpha, m, Map.of());
  }

  /** A run with these evaluations, no decisions, ending COMPLETED at its last step. */
  static RunRecord run(String method, ResultsPlan.Control control, RunRecord.Point... points) {
    int last = points.length == 0 ? 0 : points[points.length - 1].step();
    return new RunRecord(
        method + " " + (control == null ? "ref" : control.word()),
        method,
        control,
        "job-" + method,
        "COMPLETED",
        null,
        last,
        List.of(points),
        Map.of(),
        List.of(new RunRecord.Mark(last, "COMPLETE", "budget", null)),
        0,
        last,
        null);
  }

  /** {@code run} with a floor, decisions and a result. */
  static RunRecord controlled(
      RunRecord base,
      String status,
      double floor,
      List<RunRecord.Mark> decisions,
      Integer resultStep,
      Double resultAlpha) {
    Map<String, Double> floors = new HashMap<>();
    floors.put(Metrics.MU, floor);
    return new RunRecord(
        base.name(),
        base.method(),
        base.control(),
        base.jobId(),
        status,
        null,
        base.plannedSteps(),
        base.points(),
        floors,
        decisions,
        0,
        resultStep,
        resultAlpha);
  }

  static RunInfo info() {
    return new RunInfo(
        "./lethe results",
        "abc123",
        "2026-01-01T00:00:00Z",
        1500,
        new double[] {1, 2, 3},
        2,
        "built-in",
        "17",
        "AMD EPYC, family 26 model 2");
  }

  /**
   * A continual sequence of {@code method}: task t starts at {@code mu[t − 1]} and ends at {@code
   * mu[t]} (2 steps per task), so {@code mu[0]} is the target's MU.
   */
  static List<ContinualRun> sequence(String method, double... mu) {
    List<ContinualRun> tasks = new ArrayList<>();
    for (int t = 1; t < mu.length; t++) {
      tasks.add(
          new ContinualRun(
              method,
              t,
              run(method, null, at(0, Metrics.MU, mu[t - 1]), at(2, Metrics.MU, mu[t]))));
    }
    return tasks;
  }

  /** Data with only continual sequences. */
  @SafeVarargs
  static ResultsData continualData(List<ContinualRun>... sequences) {
    List<ContinualRun> all = new ArrayList<>();
    for (List<ContinualRun> s : sequences) {
      all.addAll(s);
    }
    return new ResultsData(
        List.of(), null, all, 1000, List.of(new ResultsData.Source(info(), List.of())));
  }

  static ResultsData data(RunRecord retainSelf, RunRecord... runs) {
    return new ResultsData(new ArrayList<>(List.of(runs)), retainSelf, 1000, info());
  }
}
