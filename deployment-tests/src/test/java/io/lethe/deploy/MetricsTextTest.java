package io.lethe.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sample names are what PromQL selects: suffixed, without HELP/TYPE comments or labels. */
class MetricsTextTest {

  static final String EXPOSITION =
      """
      # HELP lethe_events_consumed_total Records handled
      # TYPE lethe_events_consumed_total counter
      lethe_events_consumed_total{outcome="processed",topic="checkpoints"} 3.0
      lethe_events_consumed_total{outcome="dead_lettered",topic="checkpoints"} 1.0
      # TYPE lethe_trainer_step_seconds summary
      lethe_trainer_step_seconds_count 2.0
      lethe_trainer_step_seconds_sum 0.84
      lethe_trainer_loss{method="GA+GD",term="a \\"quoted\\" {term}"} NaN
      # EOF
      """;

  @Test
  void readsSampleNamesWithAndWithoutLabels() {
    assertThat(MetricsText.sampleNames(EXPOSITION))
        .containsExactly(
            "lethe_events_consumed_total",
            "lethe_trainer_loss",
            "lethe_trainer_step_seconds_count",
            "lethe_trainer_step_seconds_sum");
  }

  @Test
  void readsLabelsEvenWithQuotesAndBracesInTheirValuesAndTheValue() {
    assertThat(MetricsText.samples(EXPOSITION))
        .contains(
            new MetricsText.Sample(
                "lethe_events_consumed_total",
                Map.of("outcome", "dead_lettered", "topic", "checkpoints"),
                1.0),
            new MetricsText.Sample("lethe_trainer_step_seconds_sum", Map.of(), 0.84),
            new MetricsText.Sample(
                "lethe_trainer_loss",
                Map.of("method", "GA+GD", "term", "a \\\"quoted\\\" {term}"),
                Double.NaN));
  }
}
