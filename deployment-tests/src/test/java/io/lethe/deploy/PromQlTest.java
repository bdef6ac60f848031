package io.lethe.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dashboard check depends on reading metric names out of PromQL correctly. */
class PromQlTest {

  @Test
  void aggregationWithGroupingAndGrafanaRangeYieldsOnlyTheMetric() {
    assertThat(
            PromQl.metricNames(
                "sum by (decision) (increase(lethe_controller_decisions_total[$__rate_interval]))"))
        .containsExactly("lethe_controller_decisions_total");
  }

  @Test
  void ratioOfTwoRatesYieldsBothSeries() {
    assertThat(
            PromQl.metricNames(
                "sum(rate(lethe_trainer_step_seconds_sum[5m])) /"
                    + " sum(rate(lethe_trainer_step_seconds_count[5m]))"))
        .containsExactly("lethe_trainer_step_seconds_count", "lethe_trainer_step_seconds_sum");
  }

  @Test
  void labelMatchersAndTheirValuesAreNotMetrics() {
    assertThat(
            PromQl.metricNames(
                "max by (topic) (kafka_consumer_fetch_manager_records_lag{client_id=~\"kafka-consumer-.*\","
                    + " topic!=\"checkpoints-dlq\"})"))
        .containsExactly("kafka_consumer_fetch_manager_records_lag");
  }

  @Test
  void keywordsNumbersOffsetsAndTrailingGroupingAreSkipped() {
    assertThat(
            PromQl.metricNames(
                "sum(up_a) by (job) > bool 0.5 and on (job) up_b offset 5m or vector(1e3)"))
        .containsExactly("up_a", "up_b");
  }

  @Test
  void functionsWithScalarArgumentsKeepTheirSeries() {
    assertThat(
            PromQl.metricNames(
                "histogram_quantile(0.99, sum by (le) (rate(lethe_step_seconds_bucket[10m])))"))
        .containsExactly("lethe_step_seconds_bucket");
  }

  @Test
  void aSelectorByNameIsRefusedBecauseItHidesTheName() {
    assertThatThrownBy(() -> PromQl.metricNames("{__name__=~\"lethe_.*\"}"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void selectorsKeepEqualityMatchersAndIgnoreRegexAndNegativeOnes() {
    assertThat(
            PromQl.selectors(
                "sum(increase(lethe_events_consumed_total{outcome=\"dead_lettered\","
                    + " topic!=\"x\", client_id=~\"k.*\"}[5m])) / sum(rate(lethe_other[5m]))"))
        .containsExactlyInAnyOrder(
            new PromQl.Selector("lethe_events_consumed_total", Map.of("outcome", "dead_lettered")),
            new PromQl.Selector("lethe_other", Map.of()));
  }

  @Test
  void groupingLabelsAreReadFromEveryByClause() {
    assertThat(
            PromQl.groupingLabels(
                "sum by (method) (rate(a_sum[5m])) / sum by (method, term) (rate(a_count[5m]))"
                    + " and on (job) max without (x) (b)"))
        .containsExactly("method", "term");
  }
}
