package io.lethe.stack.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Waits for jobs to end by polling {@code GET /jobs/{id}}, printing a line whenever a job's status,
 * step or latest decision changes — the progress a user watching the API would see.
 */
public final class JobWaiter {

  /** Statuses after which a job does not change any more. */
  public static final Set<String> ENDED = Set.of("HALTED", "COMPLETED", "FAILED", "CANCELLED");

  private final OrchestratorClient api;
  private final PrintStream out;
  private final Duration pollInterval;
  private final Duration jobTimeout;
  private final Map<String, String> lastLine = new LinkedHashMap<>();

  /**
   * @param pollInterval time between two rounds of polls
   * @param jobTimeout how long {@link #awaitAll} waits before giving up
   */
  public JobWaiter(
      OrchestratorClient api, PrintStream out, Duration pollInterval, Duration jobTimeout) {
    this.api = api;
    this.out = out;
    this.pollInterval = pollInterval;
    this.jobTimeout = jobTimeout;
  }

  /** Waits until every job of {@code jobs} (id → name) has ended. */
  public void awaitAll(Map<String, String> jobs) {
    long deadline = System.nanoTime() + jobTimeout.toNanos();
    while (true) {
      boolean allEnded = true;
      for (Map.Entry<String, String> job : jobs.entrySet()) {
        allEnded &= ENDED.contains(poll(job.getKey(), job.getValue()).path("status").asText());
      }
      if (allEnded) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new DemoException("jobs did not end within " + jobTimeout + ": " + jobs);
      }
      pause();
    }
  }

  /** The job's state, printing its progress line when it changed since the last poll. */
  public JsonNode poll(String id, String name) {
    JsonNode state = api.job(id);
    String line = line(name, state);
    if (!line.equals(lastLine.get(id))) {
      out.println(line);
      lastLine.put(id, line);
    }
    return state;
  }

  /** Sleeps one poll interval. */
  public void pause() {
    try {
      Thread.sleep(pollInterval.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DemoException("interrupted while waiting for jobs", e);
    }
  }

  /** {@code " GA+GD RUNNING step 10/25 CONTINUE@10 MU 0.806 ≥ 0.734"}. */
  static String line(String name, JsonNode state) {
    return String.format(
        "  %-7s %-9s step %3d/%s%s%s",
        name,
        state.path("status").asText(),
        state.path("currentStep").asInt(),
        state.path("plannedSteps").isNull() || state.path("plannedSteps").isMissingNode()
            ? "?"
            : state.path("plannedSteps").asText(),
        ControlProgress.describe(state),
        state.path("statusReason").isTextual() ? "  — " + state.path("statusReason").asText() : "");
  }
}
