package io.lethe.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

class HealthReportTest {

  /** Shape of a Quarkus SmallRye Health answer (pretty-printed, with check data). */
  private static final String DOWN_BODY =
      "{\n"
          + "    \"status\": \"DOWN\",\n"
          + "    \"checks\": [\n"
          + "        {\n"
          + "            \"name\": \"Reactive PostgreSQL connections health check\",\n"
          + "            \"status\": \"UP\",\n"
          + "            \"data\": {\"<default>\": \"UP\"}\n"
          + "        },\n"
          + "        {\n"
          + "            \"name\": \"SmallRye Reactive Messaging - readiness check\",\n"
          + "            \"status\": \"DOWN\",\n"
          + "            \"data\": {\"unlearning-steps\": \"[KO] - no connection\"}\n"
          + "        }\n"
          + "    ]\n"
          + "}";

  @Test
  void a503NamesTheFailingCheck() {
    HealthReport report = HealthReport.parse(503, DOWN_BODY);

    assertThat(report.isUp()).isFalse();
    assertThat(report.status()).isEqualTo("DOWN");
    assertThat(report.checks())
        .containsExactly(
            entry("Reactive PostgreSQL connections health check", "UP"),
            entry("SmallRye Reactive Messaging - readiness check", "DOWN"));
    assertThat(report.failingChecks())
        .containsExactly("SmallRye Reactive Messaging - readiness check");
    assertThat(report.summary())
        .isEqualTo("DOWN (failing: SmallRye Reactive Messaging - readiness check)");
  }

  @Test
  void readyNeedsBothHttp200AndStatusUp() {
    assertThat(HealthReport.parse(200, "{\"status\":\"UP\",\"checks\":[]}").isUp()).isTrue();
    assertThat(HealthReport.parse(503, "{\"status\":\"UP\",\"checks\":[]}").isUp()).isFalse();
    assertThat(HealthReport.parse(200, "{\"status\":\"DOWN\",\"checks\":[]}").isUp()).isFalse();
  }

  @Test
  void somethingElseOnThePortIsNotReady() {
    HealthReport html = HealthReport.parse(200, "<html><body>It works!</body></html>");
    HealthReport otherJson = HealthReport.parse(200, "{\"hello\": 1}");

    assertThat(html.isUp()).isFalse();
    assertThat(html.summary()).contains("not a health report").contains("It works!");
    assertThat(otherJson.isUp()).isFalse();
  }

  @Test
  void unreachableCarriesTheReason() {
    HealthReport report = HealthReport.unreachable("ConnectException: Connection refused");

    assertThat(report.isUp()).isFalse();
    assertThat(report.summary()).isEqualTo("UNREACHABLE (ConnectException: Connection refused)");
  }
}
