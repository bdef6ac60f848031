package io.lethe.stack.results;

import static io.lethe.stack.results.Fixtures.at;
import static io.lethe.stack.results.Fixtures.run;
import static io.lethe.stack.results.ResultsPlan.Control.UNCONTROLLED;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A finding is stated only when the numbers show it. */
class FindingsTest {

  @Test
  void aCollapsedGaWithHighForgetQualityIsExplainedAndAHealthyOneIsNot() {
    RunRecord retainSelf =
        run("GA+GD", null, at(0, Metrics.TR_FORGET, 0.8, Metrics.ROUGE_FORGET, 0.2));
    RunRecord collapsed =
        run(
            "GA",
            UNCONTROLLED,
            at(0, Metrics.FQ, 1e-7),
            at(25, Metrics.FQ, 0.8, Metrics.PROB_FORGET, 1e-5, Metrics.TR_FORGET, 0.87));
    RunRecord overshoot =
        run(
            "GA",
            UNCONTROLLED,
            at(0, Metrics.FQ, 1e-7),
            at(25, Metrics.FQ, 1e-9, Metrics.PROB_FORGET, 1e-5, Metrics.TR_FORGET, 0.1));

    assertThat(Findings.of(Fixtures.data(retainSelf, collapsed)))
        .singleElement()
        .asString()
        .startsWith("GA ends with forget quality 8.00e-01");
    assertThat(Findings.of(Fixtures.data(retainSelf, overshoot))).isEmpty();
  }

  @Test
  void idkWithoutRefusalsIsStated() {
    RunRecord idk =
        run(
            "IDK+AP",
            UNCONTROLLED,
            at(0),
            at(25, Metrics.ROUGE_FORGET, 0.02, Metrics.REFUSAL_FORGET, 0));
    assertThat(Findings.of(Fixtures.data(null, idk)))
        .singleElement()
        .asString()
        .contains("IDK+AP forget ROUGE-L 0.020, refusal rate 0.000");
  }
}
