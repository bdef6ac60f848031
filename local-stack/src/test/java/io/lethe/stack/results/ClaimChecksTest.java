package io.lethe.stack.results;

import static io.lethe.stack.results.Fixtures.at;
import static io.lethe.stack.results.Fixtures.mixAt;
import static io.lethe.stack.results.Fixtures.run;
import static io.lethe.stack.results.ResultsPlan.Control.HALT;
import static io.lethe.stack.results.ResultsPlan.Control.MIX;
import static io.lethe.stack.results.ResultsPlan.Control.UNCONTROLLED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each claim of methods.md §7 on hand-made metrics: held, not held, or not measurable. */
class ClaimChecksTest {

  private static final String MU = Metrics.MU;

  @Test
  void gaCollapseHoldsWhenUtilityRetainRougeAndForgetProbabilityFallToATenth() {
    RunRecord ga =
        run(
            "GA",
            UNCONTROLLED,
            at(
                0,
                MU,
                0.8,
                Metrics.ROUGE_RETAIN,
                0.9,
                Metrics.PROB_FORGET,
                0.9,
                Metrics.TE_RETAIN,
                0.9),
            at(
                25,
                MU,
                0.05,
                Metrics.ROUGE_RETAIN,
                0.02,
                Metrics.PROB_FORGET,
                0.001,
                Metrics.TE_RETAIN,
                0.4));

    ClaimResult c = ClaimChecks.gaCollapses(Optional.of(ga));

    assertThat(c.verdict()).isEqualTo(Verdict.HELD);
    assertThat(c.checks())
        .extracting(ClaimResult.Check::verdict)
        .containsExactly(
            Verdict.HELD, Verdict.HELD, Verdict.HELD, Verdict.HELD, Verdict.NOT_MEASURABLE);
    assertThat(c.checks().get(0).numbers()).contains("0.800 → 0.050").contains("6 %");
  }

  @Test
  void gaCollapseIsNotHeldWhenUtilitySurvives() {
    RunRecord ga =
        run(
            "GA",
            UNCONTROLLED,
            at(0, MU, 0.8, Metrics.ROUGE_RETAIN, 0.9, Metrics.PROB_FORGET, 0.9),
            at(25, MU, 0.5, Metrics.ROUGE_RETAIN, 0.02, Metrics.PROB_FORGET, 0.001));

    ClaimResult c = ClaimChecks.gaCollapses(Optional.of(ga));

    assertThat(c.verdict()).isEqualTo(Verdict.NOT_HELD);
    assertThat(c.checks().get(0).verdict()).isEqualTo(Verdict.NOT_HELD);
    // token entropy was not reported: not measurable, not a failure
    assertThat(c.checks().get(3).verdict()).isEqualTo(Verdict.NOT_MEASURABLE);
  }

  @Test
  void aMissingRunMakesAClaimNotMeasurable() {
    assertThat(ClaimChecks.gaCollapses(Optional.empty()).verdict())
        .isEqualTo(Verdict.NOT_MEASURABLE);
  }

  @Test
  void regularisedGaMustLandBetweenGaAndFinetunedAndStillOvershoot() {
    RunRecord ga = run("GA", UNCONTROLLED, at(0, MU, 0.8), at(25, MU, 0.01));
    RunRecord gd =
        run(
            "GA+GD",
            UNCONTROLLED,
            at(0, MU, 0.8),
            at(25, MU, 0.4, Metrics.PROB_FORGET, 0.01, Metrics.FQ, 1e-6));
    RunRecord kl =
        run(
            "GA+KL",
            UNCONTROLLED,
            at(0, MU, 0.8),
            at(25, MU, 0.85, Metrics.PROB_FORGET, 0.3, Metrics.FQ, 0.2));
    RunRecord.Point retain = at(0, Metrics.PROB_FORGET, 0.4, Metrics.FQ, 1.0);

    ClaimResult c =
        ClaimChecks.regularisationPartlyHelps(
            Optional.of(ga), Optional.of(gd), Optional.of(kl), Optional.of(retain));

    assertThat(c.checks())
        .extracting(ClaimResult.Check::verdict)
        .containsExactly(
            Verdict.HELD,
            Verdict.HELD,
            Verdict.HELD, // GA+GD
            Verdict.NOT_HELD,
            Verdict.NOT_HELD,
            Verdict.NOT_HELD); // GA+KL: above finetuned, no overshoot
    assertThat(c.verdict()).isEqualTo(Verdict.NOT_HELD);
  }

  @Test
  void npoMustKeepMoreUtilityAtEveryStepAndHaveTheHighestForgetQuality() {
    RunRecord npo =
        run(
            "NPO+GD",
            UNCONTROLLED,
            at(0, MU, 0.8),
            at(5, MU, 0.78),
            at(10, MU, 0.7, Metrics.FQ, 0.3));
    RunRecord gaGd =
        run(
            "GA+GD",
            UNCONTROLLED,
            at(0, MU, 0.8),
            at(5, MU, 0.6),
            at(10, MU, 0.4, Metrics.FQ, 1e-5));
    RunRecord ga = run("GA", UNCONTROLLED, at(0, MU, 0.8), at(10, MU, 0.0, Metrics.FQ, 0.5));

    ClaimResult c = ClaimChecks.npoGentler(Fixtures.data(null, npo, gaGd, ga));

    assertThat(c.checks())
        .extracting(ClaimResult.Check::verdict)
        .containsExactly(Verdict.HELD, Verdict.HELD, Verdict.NOT_HELD);
    assertThat(c.checks().get(1).numbers()).contains("step 5 0.780 vs 0.600");
    assertThat(c.checks().get(2).numbers()).contains("GA 5.00e-01");
  }

  @Test
  void meKeepsUtilityWhenEntropyRisesHalfWayToLogV() {
    double lnV = Math.log(1000);
    RunRecord me =
        run(
            "ME+GD",
            UNCONTROLLED,
            at(
                0,
                MU,
                0.8,
                Metrics.TE_RETAIN,
                0.9,
                Metrics.ROUGE_FORGET,
                0.95,
                Metrics.PROB_FORGET,
                0.9,
                Metrics.PRED_ENTROPY_FORGET,
                0.5),
            at(
                25,
                MU,
                0.75,
                Metrics.TE_RETAIN,
                0.88,
                Metrics.ROUGE_FORGET,
                0.3,
                Metrics.PROB_FORGET,
                0.01,
                Metrics.PRED_ENTROPY_FORGET,
                lnV - 1));
    RunRecord gaGd =
        run("GA+GD", UNCONTROLLED, at(0, MU, 0.8), at(25, MU, 0.3, Metrics.TE_RETAIN, 0.5));

    ClaimResult c = ClaimChecks.meKeepsUtility(Optional.of(me), Optional.of(gaGd), 1000);

    assertThat(c.verdict()).isEqualTo(Verdict.HELD);
    assertThat(c.checks().get(5).verdict()).isEqualTo(Verdict.HELD);
    assertThat(c.checks().get(6).verdict()).isEqualTo(Verdict.NOT_MEASURABLE); // forget efficacy

    ClaimResult unknownVocabulary =
        ClaimChecks.meKeepsUtility(Optional.of(me), Optional.of(gaGd), 0);
    assertThat(unknownVocabulary.checks().get(5).verdict()).isEqualTo(Verdict.NOT_MEASURABLE);
  }

  @Test
  void idkApMustRefuseOnForgetButNotOnRetain() {
    RunRecord ap =
        run(
            "IDK+AP",
            UNCONTROLLED,
            at(0, MU, 0.8, Metrics.ROUGE_FORGET, 0.9, Metrics.ROUGE_RETAIN, 0.9),
            at(
                25,
                MU,
                0.7,
                Metrics.ROUGE_FORGET,
                0.2,
                Metrics.ROUGE_RETAIN,
                0.85,
                Metrics.REFUSAL_FORGET,
                0.0,
                Metrics.REFUSAL_RETAIN,
                0.0));
    RunRecord gd =
        run(
            "IDK+GD",
            UNCONTROLLED,
            at(0, MU, 0.8, Metrics.ROUGE_FORGET, 0.9),
            at(
                25,
                MU,
                0.5,
                Metrics.ROUGE_FORGET,
                0.1,
                Metrics.REFUSAL_FORGET,
                0.9,
                Metrics.REFUSAL_RETAIN,
                0.4));

    ClaimResult c = ClaimChecks.idkApVersusIdkGd(Optional.of(ap), Optional.of(gd));

    assertThat(c.checks())
        .extracting(ClaimResult.Check::verdict)
        .containsExactly(
            Verdict.HELD,
            Verdict.HELD,
            Verdict.NOT_HELD,
            Verdict.HELD,
            Verdict.HELD,
            Verdict.HELD,
            Verdict.HELD);
    assertThat(c.verdict()).isEqualTo(Verdict.NOT_HELD);
    assertThat(c.checks().get(2).criterion()).startsWith("IDK+AP");
  }

  @Test
  void controllabilityReadsMonotonicityTheHaltResultAndTheMixCurve() {
    RunRecord ga =
        run("GA", UNCONTROLLED, at(0, MU, 0.8), at(5, MU, 0.6), at(10, MU, 0.605), at(15, MU, 0.1));
    RunRecord halt =
        Fixtures.controlled(
            run("GA", HALT, at(0, MU, 0.8), at(5, MU, 0.75), at(10, MU, 0.3)),
            "HALTED",
            0.72,
            List.of(new RunRecord.Mark(10, "HALT", "MU below floor", null)),
            5,
            null);
    RunRecord mix =
        Fixtures.controlled(
            run(
                "GA",
                MIX,
                at(0, MU, 0.8, Metrics.ROUGE_FORGET, 0.9),
                at(5, MU, 0.5, Metrics.ROUGE_FORGET, 0.2),
                mixAt(5, 0.5, MU, 0.6, Metrics.ROUGE_FORGET, 0.5),
                mixAt(5, 0.25, MU, 0.73, Metrics.ROUGE_FORGET, 0.7)),
            "COMPLETED",
            0.72,
            List.of(
                new RunRecord.Mark(5, "MIX", "breach", 0.5),
                new RunRecord.Mark(5, "MIX", "next", 0.25),
                new RunRecord.Mark(5, "COMPLETE", "settled", 0.25)),
            5,
            0.25);

    ClaimResult c = ClaimChecks.controllable(Fixtures.data(null, ga, halt, mix));

    assertThat(c.checks())
        .extracting(ClaimResult.Check::verdict)
        .containsExactly(
            Verdict.HELD, // the rise 0.600 → 0.605 is within tolerance
            Verdict.NOT_MEASURABLE, // no extraction strength in the fixture
            Verdict.HELD, // halted result 0.75 ≥ 0.72
            Verdict.HELD,
            Verdict.HELD,
            Verdict.HELD); // mix: MU and ROUGE fall with α; result meets floor
    assertThat(c.checks().get(3).numbers())
        .isEqualTo("α 0.000: 0.800, α 0.250: 0.730, α 0.500: 0.600, α 1.000: 0.500 (0 rises)");
  }

  @Test
  void aRiseAlongTheRunBreaksMonotonicity() {
    RunRecord ga = run("GA", UNCONTROLLED, at(0, MU, 0.8), at(5, MU, 0.5), at(10, MU, 0.6));
    ClaimResult.Check check = ClaimChecks.monotoneAlongRun(Optional.of(ga), MU, "GA: MU");
    assertThat(check.verdict()).isEqualTo(Verdict.NOT_HELD);
    assertThat(check.numbers()).endsWith("(1 rises)");
  }

  @Test
  void metricSanityComparesTheTargetWithTheRetainModel() {
    RunRecord.Point target = at(0, MU, 0.80, Metrics.FQ, 1e-7, Metrics.ROUGE_FORGET, 0.97);
    RunRecord.Point retain = at(0, MU, 0.78, Metrics.FQ, 1.0);

    ClaimResult c = ClaimChecks.metricSanity(Optional.of(target), Optional.of(retain));

    assertThat(c.verdict()).isEqualTo(Verdict.HELD);
    ClaimResult bad =
        ClaimChecks.metricSanity(Optional.of(at(0, MU, 0.5, Metrics.FQ, 0.2)), Optional.of(retain));
    assertThat(bad.checks())
        .extracting(ClaimResult.Check::verdict)
        .containsExactly(Verdict.NOT_HELD, Verdict.NOT_HELD, Verdict.HELD, Verdict.NOT_MEASURABLE);
  }

  @Test
  void verdictsCombine() {
    assertThat(Verdict.combine(List.of(Verdict.HELD, Verdict.NOT_MEASURABLE)))
        .isEqualTo(Verdict.HELD);
    assertThat(Verdict.combine(List.of(Verdict.HELD, Verdict.NOT_HELD)))
        .isEqualTo(Verdict.NOT_HELD);
    assertThat(Verdict.combine(List.of(Verdict.NOT_MEASURABLE))).isEqualTo(Verdict.NOT_MEASURABLE);
  }

  /** MU 0.8 at the target, then after each of the 10 tasks: a steady fall of {@code step}. */
  static double[] falling(double step) {
    double[] mu = new double[11];
    for (int t = 0; t <= 10; t++) {
      mu[t] = 0.8 - step * t;
    }
    return mu;
  }

  @Test
  void continualHoldsWhenGaGdLosesMoreUtilityAfterTheLastTaskThanBothOthers() {
    ClaimResult c =
        ContinualClaim.check(
            Fixtures.continualData(
                Fixtures.sequence("GA+GD", falling(0.05)), // 0.8 → 0.3: loss 0.5
                Fixtures.sequence("ME+GD", falling(0.01)), // loss 0.1
                Fixtures.sequence("IDK+AP", falling(0.02)))); // loss 0.2
    assertThat(c.number()).isEqualTo(8);
    assertThat(c.verdict()).isEqualTo(Verdict.HELD);
    assertThat(c.checks()).hasSize(2);
    assertThat(c.checks().get(0).numbers())
        .contains("loss GA+GD 0.500")
        .contains("ME+GD 0.100")
        .contains("MU 0.800 → 0.750 → 0.700");
    assertThat(c.checks().get(1).numbers()).contains("IDK+AP 0.200");
  }

  @Test
  void continualIsNotHeldWhenAProposedMethodLosesAsMuchAndNotMeasurableWhenASequenceStopped() {
    ClaimResult equal =
        ContinualClaim.check(
            Fixtures.continualData(
                Fixtures.sequence("GA+GD", falling(0.02)),
                Fixtures.sequence("ME+GD", falling(0.01)),
                Fixtures.sequence("IDK+AP", falling(0.02))));
    assertThat(equal.checks())
        .extracting(ClaimResult.Check::verdict)
        .containsExactly(Verdict.HELD, Verdict.NOT_HELD);
    assertThat(equal.verdict()).isEqualTo(Verdict.NOT_HELD);

    // only the first 4 tasks of ME+GD were run (a smoke run, or a task failed): no verdict on it
    double[] short4 = java.util.Arrays.copyOf(falling(0.01), 5);
    ClaimResult stopped =
        ContinualClaim.check(
            Fixtures.continualData(
                Fixtures.sequence("GA+GD", falling(0.05)),
                Fixtures.sequence("ME+GD", short4),
                Fixtures.sequence("IDK+AP", falling(0.02))));
    assertThat(stopped.checks())
        .extracting(ClaimResult.Check::verdict)
        .containsExactly(Verdict.NOT_MEASURABLE, Verdict.HELD);
    assertThat(stopped.checks().get(0).numbers()).contains("ME+GD reached task 4 of 10");
    assertThat(ContinualClaim.check(Fixtures.continualData()).verdict())
        .isEqualTo(Verdict.NOT_MEASURABLE);
  }

  @Test
  void utilityAfterEachTaskStartsAtTheTargetAndStopsAtAGap() {
    List<ContinualRun> seq =
        new java.util.ArrayList<>(Fixtures.sequence("GA+GD", 0.8, 0.7, 0.6, 0.5));
    assertThat(ContinualClaim.utilityAfterEachTask(seq)).containsExactly(0.8, 0.7, 0.6, 0.5);
    seq.remove(1); // task 2 missing: task 3 did not start from task 2's result as far as we know
    assertThat(ContinualClaim.utilityAfterEachTask(seq)).containsExactly(0.8, 0.7);
  }
}
