package io.lethe.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Two services resolving the same source get the same rows; bad sources are clear errors. */
class BenchmarkSourceTest {

  @Test
  void builtinDefaultsAreDeterministic() {
    BenchmarkSource source = new BenchmarkSource("builtin", null, "forget10", null, null, null);
    UnlearningBenchmark a = source.load();
    UnlearningBenchmark b = source.load();
    assertThat(a).isEqualTo(b);
    assertThat(a.training()).hasSize(200);
    assertThat(a.forget()).hasSize(20);
    assertThat(a.retain()).hasSize(180);
  }

  @Test
  void unknownOrIncompleteSourcesAreRejected() {
    assertThatThrownBy(() -> new BenchmarkSource("hf", null, "forget10", null, null, null).load())
        .hasMessageContaining("unknown dataset source");
    assertThatThrownBy(() -> new BenchmarkSource("tofu", null, "forget10", null, null, null).load())
        .hasMessageContaining("needs a path");
    assertThatThrownBy(
            () -> new BenchmarkSource("tofu", "/no/such/dir", "forget10", null, null, null).load())
        .hasMessageContaining("does not exist");
  }
}
