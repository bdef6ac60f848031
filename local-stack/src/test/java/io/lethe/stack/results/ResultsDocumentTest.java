package io.lethe.stack.results;

import static io.lethe.stack.results.ResultsPlan.Control.HALT;
import static io.lethe.stack.results.ResultsPlan.Control.UNCONTROLLED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stored reports render into RESULTS.md with the claims table, the run tables and embedded PNGs,
 * without a stack.
 */
class ResultsDocumentTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static String report(String status, String points, String decisions, String result) {
    return """
        {"job":{"id":"id-%s","status":"%s","plannedSteps":25},
         "points":[%s],"floors":{"tofu.model_utility@1":0.72},"decisions":[%s],
         "stepsTrainedPastCrossing":0,%s}
        """
        .formatted(status, status, points, decisions, result);
  }

  private static String point(int step, double mu, double fq, double forgetRouge) {
    return """
        {"step":%d,"kind":"FULL","mixAlpha":null,
         "metrics":{"tofu.model_utility@1":%s,"tofu.forget_quality@1":%s,"tofu.rougeL_recall@1/forget":%s},
         "notComputed":{"cl.forget_efficacy@1":"entailment not computed: no NLI model"}}
        """
        .formatted(step, mu, fq, forgetRouge);
  }

  @Test
  void storedReportsRenderIntoTheDocumentWithItsFigures(@TempDir Path docs) throws Exception {
    String free =
        report(
            "COMPLETED",
            point(0, 0.8, 1e-7, 0.95)
                + ","
                + point(5, 0.5, 1e-9, 0.5)
                + ","
                + point(10, 0.1, 1e-12, 0.1),
            "{\"step\":10,\"decision\":\"COMPLETE\"}",
            "\"resultStep\":10");
    String halted =
        report(
            "HALTED",
            point(0, 0.8, 1e-7, 0.95) + "," + point(5, 0.5, 1e-9, 0.5),
            "{\"step\":5,\"decision\":\"HALT\",\"reason\":\"MU below floor\"}",
            "\"resultStep\":0");
    String self = report("COMPLETED", point(0, 0.78, 1.0, 0.4), "", "\"resultStep\":1");
    ResultsStore store = ResultsDocument.store(docs);
    store.save(
        List.of(
            new ResultsStore.Entry(
                "ga-gd-uncontrolled",
                "GA+GD uncontrolled",
                "GA+GD",
                UNCONTROLLED,
                JSON.readTree(free)),
            new ResultsStore.Entry(
                "ga-gd-halt", "GA+GD halt", "GA+GD", HALT, JSON.readTree(halted))),
        new ResultsStore.Entry(
            ResultsPlan.RETAIN_SELF, "retain", "GA+GD", null, JSON.readTree(self)),
        500,
        Fixtures.info());

    List<ClaimResult> claims = ResultsDocument.write(docs, null);

    assertThat(claims).hasSize(8);
    String md = Files.readString(docs.resolve("RESULTS.md"));
    assertThat(md)
        .contains("`./lethe results`")
        .contains("| commit of the run | `abc123` |")
        .contains("| # | claim | verdict |")
        .contains("| 7 | Metric sanity | **held** |")
        .contains("| GA+GD halt | HALTED | step 0 | 5 |")
        .contains("![")
        .contains("(results/mu-ga-gd.png)")
        .contains("(results/forget-quality.png)")
        .contains("`cl.forget_efficacy@1` | entailment not computed: no NLI model")
        .contains("| GA+GD uncontrolled | 0.800 | 0.500 | 0.100 |")
        .doesNotContain("forget-efficacy.png");
    assertThat(docs.resolve("results/mu-ga-gd.png")).exists();
    assertThat(docs.resolve("results/forget-quality.png")).exists();
    assertThat(docs.resolve("results/reports/ga-gd-halt.json")).exists();
    assertThat(store.load().runs()).hasSize(2);
    assertThat(store.load().vocabularySize()).isEqualTo(500);
  }
}
