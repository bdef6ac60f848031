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
        .contains("| machine | AMD EPYC, family 26 model 2, 2 cores")
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

  private static RunInfo info(String command, String commit, String dataset) {
    return new RunInfo(
        command,
        commit,
        "2026-01-02T00:00:00Z",
        60,
        new double[] {1, 2, 3},
        2,
        dataset,
        "17",
        "AMD EPYC, family 26 model 2");
  }

  @Test
  void aPartialRunAddsItsReportsAndTheDocumentSaysWhichCommandProducedWhich(@TempDir Path docs)
      throws Exception {
    Path data = Files.createDirectories(docs.resolve("data-dir"));
    String free =
        report(
            "COMPLETED",
            point(0, 0.8, 1e-7, 0.95) + "," + point(5, 0.5, 1e-9, 0.5),
            "{\"step\":5,\"decision\":\"COMPLETE\"}",
            "\"resultStep\":5,\"result\":{\"uri\":\""
                + data.toAbsolutePath().toUri()
                + "checkpoints/j1/segment-000001/\"}");
    ResultsStore store = ResultsDocument.store(docs);
    store.save(
        List.of(
            new ResultsStore.Entry(
                "ga-gd-uncontrolled",
                "GA+GD uncontrolled",
                "GA+GD",
                UNCONTROLLED,
                JSON.readTree(free))),
        500,
        info("./lethe results", "abc123", "built-in; models reused"),
        data);

    // a continual-only run at another commit: 3 sequences of 10 tasks, GA+GD losing the most
    List<ResultsStore.Entry> continual = new java.util.ArrayList<>();
    for (String method : ResultsPlan.CONTINUAL_METHODS) {
      double drop = method.equals("GA+GD") ? 0.05 : 0.01;
      for (int t = 1; t <= 10; t++) {
        ResultsPlan.ContinualTask task = new ResultsPlan.ContinualTask(method, t);
        String r =
            report(
                "COMPLETED",
                point(0, 0.8 - drop * (t - 1), 1e-3, 0.9)
                    + ","
                    + point(2, 0.8 - drop * t, 0.1, 0.2),
                "{\"step\":2,\"decision\":\"COMPLETE\"}",
                "\"resultStep\":2");
        continual.add(
            new ResultsStore.Entry(task.slug(), task.label(), method, null, t, JSON.readTree(r)));
      }
    }
    store.save(
        continual,
        0,
        info("./lethe results --only continual", "def456", "built-in; continual: forget01"),
        data);

    ResultsData loaded = store.load();
    assertThat(loaded.runs()).hasSize(1);
    assertThat(loaded.continual()).hasSize(30);
    assertThat(loaded.vocabularySize()).isEqualTo(500);
    assertThat(loaded.sources()).hasSize(2);
    assertThat(loaded.sources().get(1).runs()).hasSize(30).contains("IDK+AP continual task 10");
    // stored reports name checkpoints relative to the data directory, not where it was
    String stored = Files.readString(docs.resolve("results/reports/ga-gd-uncontrolled.json"));
    assertThat(stored)
        .contains("\"<data-dir>/checkpoints/j1/segment-000001/\"")
        .doesNotContain(data.toAbsolutePath().toString());

    List<ClaimResult> claims = ResultsDocument.write(docs, "def456");
    assertThat(claims.get(7).verdict()).isEqualTo(Verdict.HELD);
    String md = Files.readString(docs.resolve("RESULTS.md"));
    assertThat(md)
        .contains("Generated by 2 runs of `./lethe results`")
        .contains("### Provenance: which command produced which runs")
        .contains("| `./lethe results --only continual` | `def456` |")
        .contains("| `./lethe results` | `abc123` |")
        .contains("| AMD EPYC, family 26 model 2 |")
        .contains(
            "| 8 | Continual: GA+GD accumulates utility loss faster than ME+GD / IDK+AP | **held** |")
        .contains("## Continual unlearning (claim 8)")
        .contains("| 10 | 0.300 | 0.700 | 0.700 |")
        .contains("(results/continual-mu.png)")
        .doesNotContain("document rendered at");
    assertThat(docs.resolve("results/continual-mu.png")).exists();

    // repeating a run replaces its report; reports of other data are refused
    store.save(
        List.of(
            new ResultsStore.Entry(
                "ga-gd-uncontrolled",
                "GA+GD uncontrolled",
                "GA+GD",
                UNCONTROLLED,
                JSON.readTree(free))),
        0,
        info("./lethe results --only main", "0a0b0c", "built-in; models built"),
        data);
    assertThat(store.load().sources())
        .extracting(s -> s.info().commit())
        .containsExactly("def456", "0a0b0c");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                store.save(
                    List.of(), 0, info("./lethe results --dataset tofu", "x", "TOFU subset"), data))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("other data");
  }
}
