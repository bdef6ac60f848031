package io.lethe.orchestrator.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.schemas.domain.BreachAction;
import io.lethe.schemas.domain.ControlPolicy;
import io.lethe.schemas.domain.Decision;
import io.lethe.schemas.domain.EvaluationKind;
import io.lethe.schemas.domain.ForgetTarget;
import io.lethe.schemas.domain.UtilityFloor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven tests of {@link Controller#decide}: one history, one policy, one expected decision
 * per row.
 */
class ControllerTest {

  static final String MU = "tofu.model_utility@1";
  static final String FE = "cl.forget_efficacy@1";

  static ControlPolicy policy(BreachAction onBreach) {
    return new ControlPolicy(
        List.of(new UtilityFloor(MU, 0.1)), 1, 2, null, onBreach, 0.05, 6, 1.0e4, 100);
  }

  static ControlPolicy withTarget(double threshold) {
    ControlPolicy p = policy(BreachAction.HALT);
    return new ControlPolicy(
        p.floors(),
        p.probeEvery(),
        p.fullEvery(),
        new ForgetTarget(FE, threshold, true),
        p.onBreach(),
        p.mixTolerance(),
        p.mixMaxIterations(),
        p.maxGradNorm(),
        p.maxSteps());
  }

  /** A little DSL for histories: checkpoints and evaluations in arrival order. */
  static final class H {
    final List<CheckpointObservation> checkpoints = new ArrayList<>();
    final List<EvaluationObservation> evaluations = new ArrayList<>();
    String failure;
    int planned = 10;

    H ckpt(int step, double loss, double grad) {
      String parent = step == 0 ? null : "w" + (step - 1);
      checkpoints.add(
          new CheckpointObservation(step, "w" + step, parent, Map.of("total", loss), grad, null));
      return this;
    }

    H ckpt(int step) {
      return ckpt(step, 1.0, 1.0);
    }

    H unchanged(int step) {
      checkpoints.add(
          new CheckpointObservation(step, "w" + step, "w" + step, Map.of("total", 1.0), 1.0, null));
      return this;
    }

    H full(int step, double mu) {
      return full(step, mu, 0.1 * step);
    }

    H full(int step, double mu, double fe) {
      evaluations.add(
          new EvaluationObservation(
              step, "w" + step, EvaluationKind.FULL, Map.of(MU, mu, FE, fe), null));
      return this;
    }

    H probe(int step, double forgetProbability) {
      evaluations.add(
          new EvaluationObservation(
              step,
              "w" + step,
              EvaluationKind.PROBE,
              Map.of("tofu.probability@1/forget", forgetProbability),
              null));
      return this;
    }

    H mix(double alpha, double mu) {
      String sha = "mix" + alpha;
      checkpoints.add(new CheckpointObservation(4, sha, "w4", Map.of(), null, alpha));
      evaluations.add(
          new EvaluationObservation(4, sha, EvaluationKind.FULL, Map.of(MU, mu), alpha));
      return this;
    }

    H fail(String reason) {
      failure = reason;
      return this;
    }

    H planned(int steps) {
      planned = steps;
      return this;
    }

    JobHistory build() {
      return new JobHistory(checkpoints, evaluations, failure, planned);
    }
  }

  static H history() {
    return new H();
  }

  static Stream<Arguments> table() {
    ControlPolicy halt = policy(BreachAction.HALT);
    ControlPolicy mix = policy(BreachAction.MIX);
    Double none = null;
    return Stream.of(
        // name, history, policy, decision, result sha, mix alpha
        Arguments.of("no evaluation yet", history().ckpt(0), halt, Decision.CONTINUE, null, none),
        Arguments.of(
            "baseline recorded",
            history().ckpt(0).full(0, 0.60),
            halt,
            Decision.CONTINUE,
            null,
            none),
        Arguments.of(
            "utility above the floor",
            history().ckpt(0).full(0, 0.60).ckpt(2).full(2, 0.55),
            halt,
            Decision.CONTINUE,
            null,
            none),
        Arguments.of(
            "exactly on the floor holds",
            history().ckpt(0).full(0, 0.50).ckpt(2).full(2, 0.45),
            halt,
            Decision.CONTINUE,
            null,
            none),
        Arguments.of(
            "floor crossed: halt, roll back to the last passing step",
            history().ckpt(0).full(0, 0.60).ckpt(2).full(2, 0.56).ckpt(4).full(4, 0.40),
            halt,
            Decision.HALT,
            "w2",
            none),
        Arguments.of(
            "floor crossed at the first step: roll back to the start",
            history().ckpt(0).full(0, 0.60).ckpt(2).full(2, 0.10),
            halt,
            Decision.HALT,
            "w0",
            none),
        Arguments.of(
            "a NaN utility crosses the floor",
            history().ckpt(0).full(0, 0.60).ckpt(2).full(2, Double.NaN),
            halt,
            Decision.HALT,
            "w0",
            none),
        Arguments.of(
            "a probe without the floor metric is not judged",
            history().ckpt(0).full(0, 0.60).ckpt(1).probe(1, 0.3),
            halt,
            Decision.CONTINUE,
            null,
            none),
        Arguments.of(
            "non-finite loss: halt, never choose that checkpoint",
            history().ckpt(0).full(0, 0.60).ckpt(2, Double.NaN, 1.0).full(2, 0.59),
            halt,
            Decision.HALT,
            "w0",
            none),
        Arguments.of(
            "exploding gradient: halt",
            history().ckpt(0).full(0, 0.60).ckpt(2).full(2, 0.59).ckpt(4, 1.0, 1.0e7).full(4, 0.58),
            halt,
            Decision.HALT,
            "w2",
            none),
        Arguments.of(
            "one unchanged segment (a warm-up step at lr 0) is not a no-op",
            history().ckpt(0).full(0, 0.60).unchanged(1).full(1, 0.60, 0.0),
            halt,
            Decision.CONTINUE,
            null,
            none),
        Arguments.of(
            "no-op: weights unchanged two segments in a row",
            history()
                .ckpt(0)
                .full(0, 0.60)
                .unchanged(1)
                .full(1, 0.59, 0.1)
                .unchanged(2)
                .full(2, 0.58, 0.2),
            halt,
            Decision.HALT,
            "w1",
            none),
        Arguments.of(
            "one identical evaluation is not a no-op",
            history().ckpt(0).full(0, 0.60).ckpt(2).full(2, 0.58, 0.3).ckpt(4).full(4, 0.58, 0.3),
            halt,
            Decision.CONTINUE,
            null,
            none),
        Arguments.of(
            "no-op: evaluation identical two segments in a row",
            history()
                .ckpt(0)
                .full(0, 0.60)
                .ckpt(2)
                .full(2, 0.58, 0.3)
                .ckpt(4)
                .full(4, 0.58, 0.3)
                .ckpt(6)
                .full(6, 0.58, 0.3),
            halt,
            Decision.HALT,
            "w4",
            none),
        Arguments.of(
            "forget target reached with floors met: complete",
            history().ckpt(0).full(0, 0.60, 0.1).ckpt(2).full(2, 0.58, 0.85),
            withTarget(0.8),
            Decision.COMPLETE,
            "w2",
            none),
        Arguments.of(
            "forget target not reached: continue",
            history().ckpt(0).full(0, 0.60, 0.1).ckpt(2).full(2, 0.58, 0.5),
            withTarget(0.8),
            Decision.CONTINUE,
            null,
            none),
        Arguments.of(
            "step budget used: complete",
            history().planned(4).ckpt(0).full(0, 0.60).ckpt(4).full(4, 0.58),
            halt,
            Decision.COMPLETE,
            "w4",
            none),
        Arguments.of(
            "trainer failure: fail with the best result",
            history()
                .ckpt(0)
                .full(0, 0.60)
                .ckpt(2)
                .full(2, 0.58)
                .fail("forget loss is NaN at step 3"),
            halt,
            Decision.FAIL,
            "w2",
            none),
        Arguments.of(
            "breach under MIX: start the bisection at α = 0.5",
            history().ckpt(0).full(0, 0.60).ckpt(2).full(2, 0.56).ckpt(4).full(4, 0.40),
            mix,
            Decision.MIX,
            null,
            0.5),
        Arguments.of(
            "mix at 0.5 holds: try 0.75",
            history().ckpt(0).full(0, 0.60).ckpt(4).full(4, 0.40).mix(0.5, 0.58),
            mix,
            Decision.MIX,
            null,
            0.75),
        Arguments.of(
            "mix at 0.75 breaks: try 0.625",
            history().ckpt(0).full(0, 0.60).ckpt(4).full(4, 0.40).mix(0.5, 0.58).mix(0.75, 0.5),
            mix,
            Decision.MIX,
            null,
            0.625),
        Arguments.of(
            "interval within tolerance: complete with the largest passing α",
            history()
                .ckpt(0)
                .full(0, 0.60)
                .ckpt(4)
                .full(4, 0.40)
                .mix(0.5, 0.58)
                .mix(0.75, 0.5)
                .mix(0.625, 0.55)
                .mix(0.6875, 0.53)
                .mix(0.65625, 0.545),
            mix,
            Decision.COMPLETE,
            "mix0.65625",
            0.65625),
        Arguments.of(
            "every mix breaks: complete with the start model",
            history()
                .ckpt(0)
                .full(0, 0.60)
                .ckpt(4)
                .full(4, 0.40)
                .mix(0.5, 0.3)
                .mix(0.25, 0.3)
                .mix(0.125, 0.3)
                .mix(0.0625, 0.3)
                .mix(0.03125, 0.3),
            mix,
            Decision.COMPLETE,
            "w0",
            0.0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void decides(
      String name,
      H history,
      ControlPolicy policy,
      Decision expected,
      String resultSha,
      Double alpha) {
    ControlDecision decision = Controller.decide(history.build(), policy);
    assertThat(decision.decision()).as(decision.reason()).isEqualTo(expected);
    assertThat(decision.resultSha256()).as(decision.reason()).isEqualTo(resultSha);
    assertThat(decision.mixAlpha()).as(decision.reason()).isEqualTo(alpha);
    assertThat(decision.reason()).isNotBlank();
  }

  @Test
  void aBreachReportsTheFloorItsInputsAndStepsTrainedPastTheCrossing() {
    JobHistory h =
        history().ckpt(0).full(0, 0.60).ckpt(2).full(2, 0.56).ckpt(4).ckpt(6).full(4, 0.40).build();
    ControlDecision d = Controller.decide(h, policy(BreachAction.HALT));
    assertThat(d.decision()).isEqualTo(Decision.HALT);
    assertThat(d.observed())
        .containsEntry(Controller.BASELINE + MU, 0.60)
        .containsEntry(MU, 0.40)
        .containsEntry(Controller.STEPS_PAST_CROSSING, 2.0)
        .containsEntry("result_step", 2.0);
    assertThat(d.observed().get(Controller.FLOOR + MU))
        .isCloseTo(0.54, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(d.reason())
        .contains(MU)
        .contains("0.540000")
        .contains("step 4")
        .contains("result: step 2");
  }

  @Test
  void aBaselineArrivingAfterTheLastEvaluationEndsTheJobInsteadOfLeavingItWaiting() {
    // session 14: a 2-step continual job's step-2 evaluation completed before its step-0 one
    H h = history().ckpt(0).ckpt(2).full(2, 0.58);
    h.planned = 2;
    ControlDecision waiting = Controller.decide(h.build(), policy(BreachAction.HALT));
    assertThat(waiting.decision()).isEqualTo(Decision.CONTINUE);
    assertThat(waiting.reason()).contains("baseline");

    JobHistory late = h.full(0, 0.60).build();
    assertThat(late.latest()).map(EvaluationObservation::step).contains(2);
    assertThat(late.baseline()).map(EvaluationObservation::step).contains(0);
    ControlDecision d = Controller.decide(late, policy(BreachAction.HALT));
    assertThat(d.decision()).isEqualTo(Decision.COMPLETE);
    assertThat(d.reason()).contains("step budget");
  }

  @Test
  void aFloorOnAMetricTheBaselineLacksFailsTheJobInsteadOfPassingSilently() {
    ControlPolicy p =
        new ControlPolicy(
            List.of(new UtilityFloor("cl.model_utility@1", 0.1)),
            1,
            2,
            null,
            BreachAction.HALT,
            0.05,
            6,
            1e4,
            100);
    ControlDecision d = Controller.decide(history().ckpt(0).full(0, 0.6).build(), p);
    assertThat(d.decision()).isEqualTo(Decision.FAIL);
    assertThat(d.reason()).contains("cl.model_utility@1");
  }

  @Test
  void decideIsPure() {
    JobHistory h = history().ckpt(0).full(0, 0.60).ckpt(2).full(2, 0.40).build();
    Map<String, Object> first = new HashMap<>();
    ControlDecision a = Controller.decide(h, policy(BreachAction.HALT));
    ControlDecision b = Controller.decide(h, policy(BreachAction.HALT));
    first.put("a", a);
    assertThat(b).isEqualTo(first.get("a"));
  }
}
