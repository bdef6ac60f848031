package io.lethe.stack.results;

import io.lethe.stack.results.ClaimResult.Check;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Claim 8 of methods.md §7 (continual unlearning): repeating GA+GD task after task accumulates
 * utility loss faster than ME+GD and IDK+AP. The criterion, fixed before any number was seen: after
 * the last task T = {@link ResultsPlan#CONTINUAL_TASKS} of the sequence, the utility loss
 * MU(target) − MU(after task T) of GA+GD is larger than ME+GD's and larger than IDK+AP's. MU after
 * task t is the last evaluation of task t's job (the model task t + 1 starts from); MU(target) is
 * step 0 of task 1. A sequence that did not reach task T makes its comparison not measurable.
 */
public final class ContinualClaim {

  /** The method the claim says loses utility fastest. */
  static final String BASELINE = "GA+GD";

  /** The methods it is compared with. */
  static final List<String> PROPOSED = List.of("ME+GD", "IDK+AP");

  static final String TITLE =
      "Continual: GA+GD accumulates utility loss faster than ME+GD / IDK+AP";

  private ContinualClaim() {}

  /** The claim's verdict on {@code d}'s continual sequences. */
  public static ClaimResult check(ResultsData d) {
    int last = ResultsPlan.CONTINUAL_TASKS;
    OptionalDouble baselineLoss = lossAfter(d.continual(BASELINE), last);
    List<Check> checks = new ArrayList<>();
    for (String other : PROPOSED) {
      OptionalDouble otherLoss = lossAfter(d.continual(other), last);
      String criterion =
          "MU(target) − MU(after task %d): %s's loss larger than %s's"
              .formatted(last, BASELINE, other);
      if (baselineLoss.isEmpty() || otherLoss.isEmpty()) {
        checks.add(
            new Check(
                criterion,
                Verdict.NOT_MEASURABLE,
                "%s; %s".formatted(reached(d, BASELINE, last), reached(d, other, last))));
        continue;
      }
      double b = baselineLoss.getAsDouble();
      double o = otherLoss.getAsDouble();
      checks.add(
          ClaimChecks.compare(
              criterion,
              b > o,
              "loss %s %s (%s); %s %s (%s)"
                  .formatted(
                      BASELINE,
                      ClaimChecks.f(b),
                      trajectory(d.continual(BASELINE)),
                      other,
                      ClaimChecks.f(o),
                      trajectory(d.continual(other))),
              b,
              o));
    }
    return new ClaimResult(8, TITLE, checks);
  }

  /**
   * MU of a sequence: index 0 the starting (target) model, index t the model after task t; empty
   * when task 1 is missing, shorter when the sequence stopped early (a missing task, or one that
   * did not complete, ends it).
   */
  public static List<Double> utilityAfterEachTask(List<ContinualRun> sequence) {
    List<Double> mu = new ArrayList<>();
    for (ContinualRun task : sequence) {
      int expected = mu.isEmpty() ? 1 : mu.size();
      if (task.task() != expected || !"COMPLETED".equals(task.run().status())) {
        break; // the model after this task is not the one the next task started from
      }
      if (mu.isEmpty()) {
        mu.add(task.run().atStart(Metrics.MU));
      }
      mu.add(task.run().atEnd(Metrics.MU));
    }
    return mu;
  }

  /** MU(target) − MU(after task {@code last}), if the sequence reached it. */
  static OptionalDouble lossAfter(List<ContinualRun> sequence, int last) {
    List<Double> mu = utilityAfterEachTask(sequence);
    if (mu.size() <= last || mu.get(0).isNaN() || mu.get(last).isNaN()) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(mu.get(0) - mu.get(last));
  }

  private static String reached(ResultsData d, String method, int last) {
    int tasks = Math.max(0, utilityAfterEachTask(d.continual(method)).size() - 1);
    return tasks == 0
        ? method + " not run"
        : "%s reached task %d of %d".formatted(method, tasks, last);
  }

  private static String trajectory(List<ContinualRun> sequence) {
    List<String> values = new ArrayList<>();
    for (double v : utilityAfterEachTask(sequence)) {
      values.add(ClaimChecks.f(v));
    }
    return "MU " + String.join(" → ", values);
  }
}
