package io.lethe.ml.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.data.BenchmarkSource;
import io.lethe.data.QaItem;
import io.lethe.data.UnlearningBenchmark;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rows each model of the protocol learns. */
class FineTuneRoleTest {

  private final UnlearningBenchmark benchmark =
      new BenchmarkSource("builtin", null, "forget10", 1001L, 10, 4).load();

  @Test
  void targetLearnsFullAndGeneralKnowledge() {
    List<QaItem> rows = FineTuneRole.TARGET.rows(benchmark);
    assertThat(rows).hasSize(40 + benchmark.generalKnowledge().size());
    assertThat(rows.subList(0, 40)).isEqualTo(benchmark.training());
    assertThat(rows).containsAll(benchmark.forget());
  }

  @Test
  void retainModelNeverSeesAForgetRow() {
    List<QaItem> rows = FineTuneRole.RETAIN.rows(benchmark);
    assertThat(rows).hasSize(36 + benchmark.generalKnowledge().size());
    assertThat(rows).containsAll(benchmark.retain()).containsAll(benchmark.generalKnowledge());
    assertThat(rows).doesNotContainAnyElementsOf(benchmark.forget());
  }
}
