package io.lethe.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Sample names are what PromQL selects: suffixed, without HELP/TYPE comments or labels. */
class MetricsTextTest {

  @Test
  void readsSampleNamesWithAndWithoutLabels() {
    String exposition =
        """
        # HELP lethe_events_consumed_total Records handled
        # TYPE lethe_events_consumed_total counter
        lethe_events_consumed_total{outcome="processed",topic="checkpoints"} 3.0
        lethe_events_consumed_total{outcome="dead_lettered",topic="checkpoints"} 1.0
        # TYPE lethe_trainer_step_seconds summary
        lethe_trainer_step_seconds_count 2.0
        lethe_trainer_step_seconds_sum 0.84
        # EOF
        """;
    assertThat(MetricsText.sampleNames(exposition))
        .containsExactly(
            "lethe_events_consumed_total",
            "lethe_trainer_step_seconds_count",
            "lethe_trainer_step_seconds_sum");
  }
}
