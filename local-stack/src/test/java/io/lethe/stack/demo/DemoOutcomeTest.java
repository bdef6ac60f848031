package io.lethe.stack.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The demo reads a job report the way the orchestrator writes it, and compares methods in one
 * table.
 */
class DemoOutcomeTest {

  static final String REPORT =
      """
      {"job":{"id":"j1","status":"HALTED","result":{"uri":"file:///c/5","sha256":"s5"}},
       "points":[
        {"step":0,"kind":"FULL","mixAlpha":null,"metrics":{"tofu.model_utility@1":0.60,"tofu.rougeL_recall@1/forget":0.95}},
        {"step":5,"kind":"FULL","mixAlpha":null,"metrics":{"tofu.model_utility@1":0.58,"tofu.rougeL_recall@1/forget":0.40,
          "tofu.forget_quality@1":0.0123,"tofu.rougeL_recall@1/retain":0.9}},
        {"step":10,"kind":"FULL","mixAlpha":null,"metrics":{"tofu.model_utility@1":0.30}}],
       "floors":{"tofu.model_utility@1":0.54},
       "decisions":[{"step":0,"decision":"CONTINUE"},{"step":5,"decision":"CONTINUE"},{"step":10,"decision":"HALT"}],
       "stepsTrainedPastCrossing":5,"resultStep":5,"resultMixAlpha":null}
      """;

  @Test
  void readsTheResultCheckpointsMetricsFromTheReport() throws Exception {
    JsonNode report = new ObjectMapper().readTree(REPORT);
    DemoOutcome o = DemoOutcome.of("GA+GD", report);
    assertThat(o.status()).isEqualTo("HALTED");
    assertThat(o.resultStep()).isEqualTo(5);
    assertThat(o.lastStep()).isEqualTo(10);
    assertThat(o.baselineUtility()).isEqualTo(0.60);
    assertThat(o.resultUtility()).isEqualTo(0.58);
    assertThat(o.forgetRouge()).isEqualTo(0.40);
    assertThat(o.forgetQuality()).isEqualTo(0.0123);
    assertThat(o.stepsPastCrossing()).isEqualTo(5);
    assertThat(o.decisions()).isEqualTo("HALT@10");

    String table = ComparisonTable.render(List.of(o));
    assertThat(table)
        .contains("GA+GD")
        .contains("HALTED")
        .contains("step 5")
        .contains("0.580")
        .contains("1.23e-02");
  }

  static final String MIX_REPORT =
      """
      {"job":{"id":"j2","status":"COMPLETED"},
       "points":[
        {"step":0,"kind":"FULL","mixAlpha":null,"metrics":{"tofu.model_utility@1":0.815}},
        {"step":5,"kind":"FULL","mixAlpha":null,"metrics":{"tofu.model_utility@1":0.626}},
        {"step":5,"kind":"FULL","mixAlpha":0.5,"metrics":{"tofu.model_utility@1":0.796}},
        {"step":5,"kind":"FULL","mixAlpha":0.75,"metrics":{"tofu.model_utility@1":0.761}},
        {"step":5,"kind":"FULL","mixAlpha":0.875,"metrics":{"tofu.model_utility@1":0.714}}],
       "decisions":[{"step":0,"decision":"CONTINUE"},{"step":5,"decision":"MIX"},{"step":5,"decision":"MIX"},
        {"step":5,"decision":"MIX"},{"step":5,"decision":"COMPLETE"}],
       "stepsTrainedPastCrossing":5,"resultStep":5,"resultMixAlpha":0.75}
      """;

  @Test
  void aMixedResultIsTheMixedModelWithItsAlphaAndRepeatedDecisionsAreCounted() throws Exception {
    DemoOutcome o = DemoOutcome.of("IDK+AP", new ObjectMapper().readTree(MIX_REPORT));
    assertThat(o.resultAlpha()).isEqualTo(0.75);
    assertThat(o.resultUtility()).isEqualTo(0.761); // the α = 0.75 point, not the unmixed step 5
    assertThat(o.lastStep()).isEqualTo(5);
    assertThat(o.decisions()).isEqualTo("MIX@5 ×3, COMPLETE@5");
    assertThat(ComparisonTable.render(List.of(o))).contains("step 5 α=0.750").contains("0.761");
  }

  @Test
  void progressShowsTheLastDecisionAndEachFloorMetricAgainstItsFloor() throws Exception {
    JsonNode job =
        new ObjectMapper()
            .readTree(
                """
                {"decisions":[
                  {"step":0,"decision":"CONTINUE","observed":{"baseline/tofu.model_utility@1":0.815,
                    "floor/tofu.model_utility@1":0.7335}},
                  {"step":10,"decision":"HALT","mixAlpha":null,"observed":{"baseline/tofu.model_utility@1":0.815,
                    "floor/tofu.model_utility@1":0.7335,"tofu.model_utility@1":0.43}}]}
                """);
    assertThat(ControlProgress.describe(job)).isEqualTo("  HALT@10  MU 0.430 < 0.734");
    assertThat(ControlProgress.describe(new ObjectMapper().readTree("{}"))).isEmpty();
  }
}
