package io.lethe.stack.bench;

import java.util.Locale;

/**
 * What a set of concurrent controlled jobs cost, measured through the services.
 *
 * @param label preset, split and concurrency
 * @param jobs jobs run at once
 * @param steps optimizer steps trained (all jobs, run-ahead included)
 * @param evaluations evaluations the controller decided on
 * @param wallSeconds first submission to the last job's end
 * @param trainerSeconds trainer time, the sum of the segments' own timings (load, train, save)
 * @param generatorSeconds generator time, the sum of its shards ({@code lethe_generation_seconds})
 * @param evaluatorSeconds evaluator compute ({@code lethe_evaluation_compute_seconds})
 * @param decisionLatencyMean checkpoint event → decision, mean over the decisions
 * @param decisionLatencyMax its maximum
 * @param stepsPastCrossing steps trained past a floor crossing, over all jobs
 */
record LoopCost(
    String label,
    int jobs,
    long steps,
    long evaluations,
    double wallSeconds,
    double trainerSeconds,
    double generatorSeconds,
    double evaluatorSeconds,
    double decisionLatencyMean,
    double decisionLatencyMax,
    long stepsPastCrossing) {

  /**
   * The same steps and evaluations done one after the other in one process, with no Kafka, no
   * database and no waiting: the sum of the work each service measured. A lower bound — one process
   * would load each checkpoint too.
   */
  double serialWorkSeconds() {
    return trainerSeconds + generatorSeconds + evaluatorSeconds;
  }

  static String header() {
    return "| run | jobs | steps | evaluations | wall s | trainer s | generator s | evaluator s |"
        + " serial work s | wall / serial | steps/s | decision latency mean / max s |"
        + " steps past crossing |\n"
        + "|---|---|---|---|---|---|---|---|---|---|---|---|---|";
  }

  String row() {
    return String.format(
        Locale.ROOT,
        "| %s | %d | %d | %d | %.1f | %.1f | %.1f | %.2f | %.1f | %.2f | %.2f | %.2f / %.2f | %d |",
        label,
        jobs,
        steps,
        evaluations,
        wallSeconds,
        trainerSeconds,
        generatorSeconds,
        evaluatorSeconds,
        serialWorkSeconds(),
        wallSeconds / serialWorkSeconds(),
        steps / wallSeconds,
        decisionLatencyMean,
        decisionLatencyMax,
        stepsPastCrossing);
  }
}
