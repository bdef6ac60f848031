package io.lethe.orchestrator.control;

import io.lethe.schemas.domain.BreachAction;
import io.lethe.schemas.domain.ControlPolicy;
import io.lethe.schemas.domain.Decision;
import io.lethe.schemas.domain.ForgetTarget;
import io.lethe.schemas.domain.UtilityFloor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The controller: a pure function from a job's history and policy to the next decision
 * (architecture.md, "The controller"; methods.md §2.4). It is called after every evaluation and
 * trainer failure. Being pure, it is table-tested, and a restarted orchestrator re-derives the same
 * decision from the stored history.
 *
 * <p>Order of checks: trainer failure → baseline → guards (non-finite loss, exploding gradient,
 * no-op) → a MIX search in progress → utility floors → forget target → step budget → continue.
 */
public final class Controller {

  /** Observed-key prefix of a floor's baseline value. */
  public static final String BASELINE = "baseline/";

  /** Observed-key prefix of a floor's threshold. */
  public static final String FLOOR = "floor/";

  /** Observed key: how many steps the trainer had run past the evaluation that crossed a floor. */
  public static final String STEPS_PAST_CROSSING = "steps_trained_past_crossing";

  private Controller() {}

  /** The decision after the latest event of {@code history}. */
  public static ControlDecision decide(JobHistory history, ControlPolicy policy) {
    Map<String, Double> observed = new LinkedHashMap<>();
    if (history.failure() != null) {
      return end(Decision.FAIL, "segment failed: " + history.failure(), observed, history, policy);
    }
    Optional<EvaluationObservation> latestOpt = history.latest();
    Optional<EvaluationObservation> baselineOpt = history.baseline();
    if (latestOpt.isEmpty() || baselineOpt.isEmpty()) {
      return new ControlDecision(
          Decision.CONTINUE, "waiting for the baseline evaluation of step 0", observed, null, null);
    }
    EvaluationObservation latest = latestOpt.get();
    EvaluationObservation baseline = baselineOpt.get();
    for (UtilityFloor floor : policy.floors()) {
      Double base = baseline.metrics().get(floor.metricId());
      if (base == null) {
        return new ControlDecision(
            Decision.FAIL,
            "the baseline evaluation has no " + floor.metricId() + ": the floor cannot be enforced",
            observed,
            null,
            null);
      }
      observed.put(BASELINE + floor.metricId(), base);
      observed.put(FLOOR + floor.metricId(), threshold(floor, base));
    }
    if (latest == baseline) {
      return new ControlDecision(
          Decision.CONTINUE, "baseline recorded at step 0", observed, null, null);
    }

    Optional<ControlDecision> guard = guards(history, latest, policy, observed);
    if (guard.isPresent()) {
      return guard.get();
    }
    if (latest.isMix()) {
      return continueMixSearch(history, policy, observed);
    }

    List<String> breaches = breaches(latest, baseline, policy, observed);
    if (!breaches.isEmpty()) {
      observed.put(STEPS_PAST_CROSSING, (double) (history.furthestStep() - latest.step()));
      String why = String.join("; ", breaches) + " at step " + latest.step();
      if (policy.onBreach() == BreachAction.MIX) {
        return new ControlDecision(
            Decision.MIX,
            why + ": searching α in θ = (1 − α)·θ_start + α·θ_step" + latest.step(),
            observed,
            null,
            0.5);
      }
      return end(Decision.HALT, why, observed, history, policy);
    }

    ForgetTarget target = policy.forgetTarget();
    if (target != null) {
      Double value = latest.metrics().get(target.metricId());
      if (value != null) {
        observed.put(target.metricId(), value);
        boolean reached =
            target.higherIsBetter() ? value >= target.threshold() : value <= target.threshold();
        if (reached) {
          return new ControlDecision(
              Decision.COMPLETE,
              "forget target "
                  + target.metricId()
                  + (target.higherIsBetter() ? " ≥ " : " ≤ ")
                  + target.threshold()
                  + " reached at step "
                  + latest.step()
                  + " with every floor met",
              observed,
              latest.sha256(),
              null);
        }
      }
    }

    int budget = Math.min(policy.maxSteps(), history.plannedSteps());
    if (latest.step() >= budget) {
      return new ControlDecision(
          Decision.COMPLETE,
          "step budget " + budget + " used with every floor met",
          observed,
          latest.sha256(),
          null);
    }
    return new ControlDecision(
        Decision.CONTINUE, "every floor met at step " + latest.step(), observed, null, null);
  }

  /** Value a floor requires: (1 − maxRelativeDrop) × baseline. */
  static double threshold(UtilityFloor floor, double baseline) {
    return (1.0 - floor.maxRelativeDrop()) * baseline;
  }

  private static Optional<ControlDecision> guards(
      JobHistory history,
      EvaluationObservation latest,
      ControlPolicy policy,
      Map<String, Double> observed) {
    Optional<CheckpointObservation> checkpoint = history.checkpoint(latest.sha256(), latest.step());
    if (checkpoint.isEmpty() || checkpoint.get().isMix()) {
      return Optional.empty();
    }
    CheckpointObservation c = checkpoint.get();
    if (c.lossTerms() != null) {
      for (Map.Entry<String, Double> term : c.lossTerms().entrySet()) {
        if (term.getValue() == null || !Double.isFinite(term.getValue())) {
          observed.put("loss/" + term.getKey(), term.getValue());
          return Optional.of(
              end(
                  Decision.HALT,
                  "non-finite " + term.getKey() + " loss at step " + c.step(),
                  observed,
                  history,
                  policy,
                  c.sha256()));
        }
      }
    }
    if (c.gradNorm() != null) {
      observed.put("grad_norm", c.gradNorm());
      if (!Double.isFinite(c.gradNorm()) || c.gradNorm() > policy.maxGradNorm()) {
        return Optional.of(
            end(
                Decision.HALT,
                "gradient norm "
                    + c.gradNorm()
                    + " above the guard "
                    + policy.maxGradNorm()
                    + " at step "
                    + c.step(),
                observed,
                history,
                policy,
                c.sha256()));
      }
    }
    // a single unchanged segment is legitimate (HF's schedule gives the first warm-up step a
    // learning rate of 0):
    // no-op means two evaluated segments in a row without change
    if (c.step() > 0
        && c.sha256().equals(c.parentSha256())
        && previousSegmentUnchanged(history, c)) {
      return Optional.of(
          end(
              Decision.HALT,
              "no-op: the weights did not change in the segment ending at step " + c.step(),
              observed,
              history,
              policy,
              c.sha256()));
    }
    Optional<EvaluationObservation> previous = previousComparable(history, latest);
    Optional<EvaluationObservation> beforePrevious =
        previous.flatMap(p -> previousComparable(history, p));
    if (previous.isPresent()
        && beforePrevious.isPresent()
        && previous.get().metrics().equals(latest.metrics())
        && beforePrevious.get().metrics().equals(previous.get().metrics())) {
      return Optional.of(
          end(
              Decision.HALT,
              "no-op: the evaluation at step "
                  + latest.step()
                  + " is identical to the one at step "
                  + previous.get().step(),
              observed,
              history,
              policy,
              c.sha256()));
    }
    return Optional.empty();
  }

  /** The latest evaluation of the same kind at an earlier step than {@code of}. */
  private static Optional<EvaluationObservation> previousComparable(
      JobHistory history, EvaluationObservation of) {
    List<EvaluationObservation> all = history.evaluations();
    for (int i = all.size() - 1; i >= 0; i--) {
      EvaluationObservation e = all.get(i);
      if (!e.isMix() && e.kind() == of.kind() && e.step() < of.step()) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether the checkpoint before {@code c} (its parent) was itself unchanged from its own parent.
   */
  private static boolean previousSegmentUnchanged(JobHistory history, CheckpointObservation c) {
    return history.checkpoints().stream()
        .filter(p -> !p.isMix() && p.step() > 0 && p.step() < c.step())
        .reduce((first, second) -> second)
        .map(p -> p.sha256().equals(p.parentSha256()))
        .orElse(false);
  }

  /** Floors this evaluation crosses (a floor whose metric it did not measure is not judged). */
  private static List<String> breaches(
      EvaluationObservation evaluation,
      EvaluationObservation baseline,
      ControlPolicy policy,
      Map<String, Double> observed) {
    List<String> crossed = new ArrayList<>();
    for (UtilityFloor floor : policy.floors()) {
      Double value = evaluation.metrics().get(floor.metricId());
      if (value == null) {
        continue;
      }
      observed.put(floor.metricId(), value);
      double base = baseline.metrics().get(floor.metricId());
      double required = threshold(floor, base);
      if (!(value >= required)) { // NaN crosses too
        crossed.add(
            "%s = %.6g < floor %.6g (%.2f × baseline %.6g)"
                .formatted(floor.metricId(), value, required, 1 - floor.maxRelativeDrop(), base));
      }
    }
    return crossed;
  }

  /** Whether every floor was measured by this evaluation and met. */
  private static boolean meetsEveryFloor(
      EvaluationObservation evaluation, EvaluationObservation baseline, ControlPolicy policy) {
    for (UtilityFloor floor : policy.floors()) {
      Double value = evaluation.metrics().get(floor.metricId());
      if (value == null || !(value >= threshold(floor, baseline.metrics().get(floor.metricId())))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Bisection on α after a breach: α = 0 is the start (meets every floor), α = 1 the breaching
   * checkpoint. Each mixed evaluation narrows [lo, hi]; the search ends when the interval is within
   * tolerance or the budget is used, with the largest α that met every floor as the result.
   */
  private static ControlDecision continueMixSearch(
      JobHistory history, ControlPolicy policy, Map<String, Double> observed) {
    EvaluationObservation baseline = history.baseline().orElseThrow();
    double lo = 0.0;
    double hi = 1.0;
    String best = baseline.sha256();
    int iterations = 0;
    for (EvaluationObservation e : history.evaluations()) {
      if (!e.isMix()) {
        continue;
      }
      iterations++;
      if (meetsEveryFloor(e, baseline, policy)) {
        if (e.mixAlpha() >= lo) {
          lo = e.mixAlpha();
          best = e.sha256();
        }
      } else {
        hi = Math.min(hi, e.mixAlpha());
      }
    }
    observed.put("mix/lo", lo);
    observed.put("mix/hi", hi);
    observed.put("mix/iterations", (double) iterations);
    if (hi - lo <= policy.mixTolerance() || iterations >= policy.mixMaxIterations()) {
      return new ControlDecision(
          Decision.COMPLETE,
          "model mixing settled at α = %.4f (floors hold up to it, break at %.4f) after %d mixes"
              .formatted(lo, hi, iterations),
          observed,
          best,
          lo);
    }
    double next = (lo + hi) / 2;
    return new ControlDecision(
        Decision.MIX,
        "floors %s at the last mix: next α = %.4f in [%.4f, %.4f]"
            .formatted(
                meetsEveryFloor(history.latest().orElseThrow(), baseline, policy)
                    ? "held"
                    : "broke",
                next,
                lo,
                hi),
        observed,
        null,
        next);
  }

  /**
   * A decision that ends the job with the last checkpoint that met every floor (rollback to best).
   */
  private static ControlDecision end(
      Decision decision,
      String reason,
      Map<String, Double> observed,
      JobHistory history,
      ControlPolicy policy) {
    return end(decision, reason, observed, history, policy, null);
  }

  /**
   * As above, never choosing the checkpoint {@code excludedSha256} (the one a guard tripped on).
   */
  private static ControlDecision end(
      Decision decision,
      String reason,
      Map<String, Double> observed,
      JobHistory history,
      ControlPolicy policy,
      String excludedSha256) {
    Optional<EvaluationObservation> baseline = history.baseline();
    if (baseline.isEmpty()) {
      return new ControlDecision(decision, reason, observed, null, null);
    }
    EvaluationObservation best = baseline.get();
    for (EvaluationObservation e : history.evaluations()) {
      if (!e.isMix()
          && e.step() >= best.step()
          && !e.sha256().equals(excludedSha256)
          && meetsEveryFloor(e, baseline.get(), policy)) {
        best = e;
      }
    }
    observed.put("result_step", (double) best.step());
    return new ControlDecision(
        decision,
        reason + "; result: step " + best.step() + ", the last checkpoint that met every floor",
        observed,
        best.sha256(),
        null);
  }
}
