package io.lethe.inprocess;

import java.util.Locale;

/**
 * One line of the benchmark's table, with the machine's 1-minute load average around the run (the
 * numbers mean little on a busy machine, so they are printed together).
 *
 * @param label preset and split
 * @param run the measured job
 * @param loadBefore 1-minute load average when the job started
 * @param loadAfter 1-minute load average when it ended
 */
record LoopRow(String label, LoopRun run, double loadBefore, double loadAfter) {

  static String header() {
    return "| run | mode | steps | evaluations | decisions | wall s | trainer s | generator s |"
        + " evaluator s | serial work s | wall / serial | steps/s | load 1 min before / after |"
        + " status |\n"
        + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";
  }

  String row() {
    return String.format(
        Locale.ROOT,
        "| %s | %s | %d | %d | %d | %.1f | %.1f | %.1f | %.2f | %.1f | %.2f | %.2f | %.2f / %.2f |"
            + " %s |",
        label,
        run.mode().name().toLowerCase(Locale.ROOT),
        run.steps(),
        run.evaluations().size(),
        run.decisions().size(),
        run.wallSeconds(),
        run.trainerSeconds(),
        run.generatorSeconds(),
        run.evaluatorSeconds(),
        run.serialWorkSeconds(),
        run.wallSeconds() / run.serialWorkSeconds(),
        run.steps() / run.wallSeconds(),
        loadBefore,
        loadAfter,
        run.status());
  }
}
