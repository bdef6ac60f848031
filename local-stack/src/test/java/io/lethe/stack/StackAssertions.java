package io.lethe.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.infra.FreePorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * Checks shared by the stack tests: everything ready while up, nothing left behind once stopped.
 */
final class StackAssertions {

  private static final ReadinessProbe PROBE = new ReadinessProbe();

  private StackAssertions() {}

  /** Every service answers its readiness endpoint with UP. */
  static void allServicesReady(StackEndpoints endpoints) {
    for (LetheService service : LetheService.values()) {
      HealthReport report = PROBE.probe(endpoints.readinessUrl(service));
      assertThat(report.isUp()).as(service.moduleName() + ": " + report.summary()).isTrue();
    }
  }

  /** The orchestrator's readiness report: its database and Kafka checks are present and UP. */
  static void orchestratorSeesDatabaseAndKafka(StackEndpoints endpoints) {
    HealthReport report = PROBE.probe(endpoints.readinessUrl(LetheService.ORCHESTRATOR));
    assertThat(report.checks().keySet())
        .as("orchestrator readiness checks")
        .anySatisfy(name -> assertThat(name).containsIgnoringCase("postgresql"))
        .anySatisfy(name -> assertThat(name).containsPattern("(?i)kafka|reactive messaging"));
    assertThat(report.failingChecks()).isEmpty();
  }

  /**
   * The job API refuses a request without a token (401) and serves one with {@code token}: the
   * orchestrator verifies with the stack's development key.
   */
  static void jobApiRequires(StackEndpoints endpoints, String token) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    URI jobs = endpoints.serviceUrl(LetheService.ORCHESTRATOR).resolve("/jobs");
    HttpResponse<String> anonymous =
        http.send(HttpRequest.newBuilder(jobs).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("content-type").orElse(""))
        .startsWith("application/problem+json");
    HttpResponse<String> authorized =
        http.send(
            HttpRequest.newBuilder(jobs).header("Authorization", "Bearer " + token).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(authorized.statusCode()).as(authorized.body()).isEqualTo(200);
  }

  /** No service process survives the stop, and every port of the stack can be bound again. */
  static void nothingLeftRunning(StackConfig config, List<ProcessHandle> services) {
    assertThat(services).hasSize(LetheService.values().length);
    assertThat(services).noneMatch(ProcessHandle::isAlive);
    assertThat(PortCheck.isFree(config.postgresPort())).as("PostgreSQL port").isTrue();
    assertThat(PortCheck.isFree(config.kafkaPort())).as("Kafka port").isTrue();
    assertThat(PortCheck.isFree(config.kafkaControllerPort())).as("controller port").isTrue();
    config
        .servicePorts()
        .forEach(
            (service, port) ->
                assertThat(PortCheck.isFree(port)).as(service.moduleName() + " port").isTrue());
  }

  /** A stack on free ports, so tests never collide with a developer's running stack. */
  static StackConfig.Builder onFreePorts(StackConfig.Builder builder) {
    builder
        .postgresPort(FreePorts.next())
        .kafkaPort(FreePorts.next())
        .kafkaControllerPort(FreePorts.next());
    for (LetheService service : LetheService.values()) {
      builder.servicePort(service, FreePorts.next());
    }
    return builder;
  }
}
