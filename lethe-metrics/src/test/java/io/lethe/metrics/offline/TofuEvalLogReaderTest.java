package io.lethe.metrics.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.lethe.metrics.tofu.TofuEvalSet;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Reading TOFU eval logs: ordering by index, validation, Python's NaN/Infinity. */
class TofuEvalLogReaderTest {

  static TofuEvalLog tinyLog() throws IOException {
    try (InputStream in =
        TofuEvalLogReaderTest.class.getResourceAsStream("/offline/tiny_eval_log.json")) {
      return new TofuEvalLogReader().read(in, "tiny_eval_log.json");
    }
  }

  @Test
  void readsTheFourSetsOrderedByItemIndex() throws IOException {
    TofuEvalLog log = tinyLog();
    TofuSetLog retain = log.set(TofuEvalSet.RETAIN);
    assertThat(retain.size()).isEqualTo(2);
    // Keys appear as "1", "0" in the file; item 0 must come first.
    assertThat(retain.avgGtLoss()).containsExactly(0.0, 0.6931471805599453);
    assertThat(retain.averagePerturbLoss()[0]).containsExactly(1.0, 3.0);
    assertThat(log.set(TofuEvalSet.REAL_AUTHORS).averagePerturbLoss()[0]).hasSize(2);
    assertThat(log.set(TofuEvalSet.FORGET).avgParaphrasedLoss()[0])
        .isCloseTo(1.3068528194400546, within(0.0));
  }

  @Test
  void rejectsMissingSetsAndMisalignedFields() {
    assertThatThrownBy(() -> read("{\"eval_log.json\": {}}"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("avg_gt_loss");
    String misaligned =
        "{\"eval_log.json\": {\"avg_gt_loss\": {\"0\": 1}, \"average_perturb_loss\": {\"1\": [1]},"
            + " \"avg_paraphrased_loss\": {\"0\": 1}, \"rougeL_recall\": {\"0\": 1}}}";
    assertThatThrownBy(() -> read(misaligned))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("different item indices");
    assertThatThrownBy(() -> read("[]")).isInstanceOf(IOException.class);
  }

  @Test
  void acceptsPythonsNonFiniteNumbers() throws IOException {
    String set =
        "{\"avg_gt_loss\": {\"0\": Infinity}, \"average_perturb_loss\": {\"0\": [NaN]},"
            + " \"avg_paraphrased_loss\": {\"0\": 1}, \"rougeL_recall\": {\"0\": 0}}";
    String json =
        "{\"eval_log.json\": "
            + set
            + ", \"eval_real_author_wo_options.json\": "
            + set
            + ", \"eval_real_world_wo_options.json\": "
            + set
            + ", \"eval_log_forget.json\": "
            + set
            + "}";
    TofuEvalLog log = read(json);
    assertThat(log.set(TofuEvalSet.RETAIN).avgGtLoss()[0]).isInfinite();
    assertThat(log.set(TofuEvalSet.RETAIN).averagePerturbLoss()[0][0]).isNaN();
  }

  private static TofuEvalLog read(String json) throws IOException {
    return new TofuEvalLogReader()
        .read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "inline");
  }
}
