package io.lethe.metrics.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lethe.metrics.MetricValue;
import io.lethe.metrics.stats.KsPValueMethod;
import io.lethe.metrics.tofu.TofuEvalSet;
import io.lethe.metrics.tofu.TofuSetScores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Acceptance vectors of methods.md §3.8: TOFU's published Llama-2-7b logs (forget10 evaluation) of
 * the model fine-tuned on {@code full} and of the retain90 model, all to 6 significant digits.
 */
class TofuReferenceLogsAcceptanceTest {

  private static TofuEvalLog full;
  private static TofuEvalLog retain90;

  @BeforeAll
  static void readLogs() throws IOException {
    Path dir =
        Path.of(System.getProperty("lethe.tofu.dir", "../shared/data/tofu"))
            .resolve("reference_eval_logs");
    Path fullLog = dir.resolve("llama2-7b_full_wd0.01_forget10_eval_log_aggregated.json");
    Path retainLog = dir.resolve("llama2-7b_retain90_wd0.01_forget10_eval_log_aggregated.json");
    assumeTrue(
        Files.isRegularFile(fullLog) && Files.isRegularFile(retainLog),
        "TOFU reference eval logs absent under " + dir + ": acceptance vectors skipped");
    TofuEvalLogReader reader = new TofuEvalLogReader();
    full = reader.read(fullLog);
    retain90 = reader.read(retainLog);
  }

  @Test
  void fullModelAgainstRetainModel() {
    TofuAggregate a = TofuAggregator.aggregate(full, retain90);
    assertSixDigits(a.modelUtility(), 0.622677);
    assertSet(a, TofuEvalSet.RETAIN, 0.985655, 0.989527, 0.474699);
    assertSet(a, TofuEvalSet.REAL_AUTHORS, 0.933000, 0.455482, 0.596229);
    assertSet(a, TofuEvalSet.WORLD_FACTS, 0.882479, 0.418562, 0.539033);
    assertSet(a, TofuEvalSet.FORGET, 0.985450, 0.990939, 0.515985);
    assertThat(sig(a.forgetQuality().valueOrThrow(), 7)).isEqualTo(sig(1.834066e-21, 7));
    assertThat(sig(a.forgetTest().statistic(), 6)).isEqualTo(sig(0.396667, 6));
    assertThat(a.forgetTest().n1()).isEqualTo(300);
    assertThat(a.forgetTest().n2()).isEqualTo(300);
    assertThat(a.forgetTest().method()).isEqualTo(KsPValueMethod.EXACT);
  }

  @Test
  void retainModelAgainstItself() {
    TofuAggregate a = TofuAggregator.aggregate(retain90, retain90);
    assertSixDigits(a.modelUtility(), 0.613745);
    assertSet(a, TofuEvalSet.RETAIN, 0.975811, 0.988897, 0.470977);
    assertSet(a, TofuEvalSet.REAL_AUTHORS, 0.923000, 0.434087, 0.570681);
    assertSet(a, TofuEvalSet.WORLD_FACTS, 0.897436, 0.414326, 0.544198);
    assertSet(a, TofuEvalSet.FORGET, 0.408244, 0.147563, 0.674019);
    assertThat(a.forgetQuality().valueOrThrow()).isEqualTo(1.0);
  }

  private static void assertSet(
      TofuAggregate a, TofuEvalSet set, double rouge, double probability, double truthRatio) {
    TofuSetScores s = a.set(set).scores();
    assertSixDigits(s.rougeLRecall(), rouge);
    assertSixDigits(s.probability(), probability);
    assertSixDigits(s.truthRatio(), truthRatio);
  }

  private static void assertSixDigits(MetricValue actual, double expected) {
    assertThat(sig(actual.valueOrThrow(), 6)).as(actual.toString()).isEqualTo(sig(expected, 6));
  }

  /** The value rounded to {@code digits} significant digits, as text. */
  private static String sig(double v, int digits) {
    return String.format(Locale.ROOT, "%." + (digits - 1) + "e", v);
  }
}
