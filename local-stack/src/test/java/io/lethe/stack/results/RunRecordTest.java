package io.lethe.stack.results;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** A report as the orchestrator writes it becomes a trajectory, mixes, decisions and a result. */
class RunRecordTest {

  static final String REPORT =
      """
      {"job":{"id":"j1","status":"COMPLETED","plannedSteps":25,"result":{"uri":"file:///c/m","sha256":"m"}},
       "points":[
        {"step":0,"kind":"FULL","mixAlpha":null,"metrics":{"tofu.model_utility@1":0.80,"tofu.rougeL_recall@1/forget":0.95},
         "notComputed":{"cl.forget_efficacy@1":"no NLI model"}},
        {"step":5,"kind":"FULL","mixAlpha":null,"metrics":{"tofu.model_utility@1":0.60},
         "notComputed":{"cl.forget_efficacy@1":"no NLI model"}},
        {"step":5,"kind":"FULL","mixAlpha":0.25,"metrics":{"tofu.model_utility@1":0.74}},
        {"step":5,"kind":"FULL","mixAlpha":0.5,"metrics":{"tofu.model_utility@1":0.70}}],
       "floors":{"tofu.model_utility@1":0.72},
       "decisions":[{"step":0,"decision":"CONTINUE"},{"step":5,"decision":"MIX","mixAlpha":0.5},
                    {"step":5,"decision":"MIX","mixAlpha":0.25},{"step":5,"decision":"COMPLETE","mixAlpha":0.25}],
       "stepsTrainedPastCrossing":5,"resultStep":5,"resultMixAlpha":0.25}
      """;

  @Test
  void readsTheTrajectoryTheMixesAndTheResult() throws Exception {
    RunRecord r =
        RunRecord.of(
            "IDK+AP mix", "IDK+AP", ResultsPlan.Control.MIX, new ObjectMapper().readTree(REPORT));

    assertThat(r.jobId()).isEqualTo("j1");
    assertThat(r.plannedSteps()).isEqualTo(25);
    assertThat(r.trajectory()).extracting(RunRecord.Point::step).containsExactly(0, 5);
    assertThat(r.mixes()).extracting(RunRecord.Point::mixAlpha).containsExactly(0.25, 0.5);
    assertThat(r.atStart(Metrics.MU)).isEqualTo(0.80);
    assertThat(r.atEnd(Metrics.MU)).isEqualTo(0.60);
    assertThat(r.atResult(Metrics.MU)).isEqualTo(0.74);
    assertThat(r.atEnd(Metrics.ROUGE_FORGET)).isNaN();
    assertThat(r.floor(Metrics.MU)).isEqualTo(0.72);
    assertThat(r.lastStep()).isEqualTo(5);
    assertThat(r.stepsPastCrossing()).isEqualTo(5);
    assertThat(r.notComputedReason(Metrics.FORGET_EFFICACY)).contains("no NLI model");
    assertThat(r.decisionSummary()).isEqualTo("MIX@5 ×2, COMPLETE@5");
  }
}
