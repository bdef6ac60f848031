package io.lethe.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lethe.stack.DevelopmentKeys;
import io.lethe.stack.LetheService;
import io.lethe.stack.LocalStack;
import io.lethe.stack.demo.OrchestratorClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The mission end to end: the four services as real processes on real Kafka and PostgreSQL, driven
 * only through the job API, with the micro model. Fine-tune a target and a retain model; unlearn
 * with gradient ascent at a step size that destroys utility, and watch the controller halt (result:
 * the best checkpoint) or mix (result: a model that meets the floor); cancel a job; and another
 * tenant's token sees none of it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(EndToEndStackExtension.class)
class ControlledUnlearningEndToEndTest {

  static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The floored metric. Not TOFU model utility: it is a harmonic mean that is exactly 0 as soon as
   * one of its nine terms is (a 100k-parameter model answers some utility set with ROUGE 0), and a
   * floor of 0.9 × 0 protects nothing. The retain set's answer probability is never 0 and is what
   * gradient ascent destroys first.
   */
  static final String MU = "tofu.probability@1/retain";

  static EndToEndStack e2e;
  static OrchestratorClient api;
  static JsonNode target;
  static JsonNode retain;

  @BeforeAll
  static void useTheSharedStack(EndToEndStack shared) {
    e2e = shared;
    api = shared.api();
  }

  static JsonNode awaitEnd(String id, Duration timeout) {
    return e2e.awaitEnd(id, timeout);
  }

  static ObjectNode finetune(String trainOn) {
    return EndToEndStack.finetune(trainOn);
  }

  static ObjectNode gradientAscent(String onBreach) {
    return e2e.gradientAscent(MU, onBreach);
  }

  @Test
  @Order(1)
  void fineTunesTheTargetAndRetainModels() {
    target = e2e.target();
    retain = e2e.retain();
    assertThat(target.path("status").asText()).as(target.toString()).isEqualTo("COMPLETED");
    assertThat(retain.path("status").asText()).as(retain.toString()).isEqualTo("COMPLETED");
    assertThat(target.path("result").path("sha256").asText()).hasSize(64);
    assertThat(retain.path("result").path("sha256").asText())
        .isNotEqualTo(target.path("result").path("sha256").asText());
  }

  @Test
  @Order(2)
  void aJobWhoseFloorTripsHaltsWithTheBestCheckpointAsResult() {
    assumeTrue(target != null && retain != null, "reference models were not built");
    String id = api.submit(gradientAscent("HALT"));
    JsonNode job = awaitEnd(id, Duration.ofMinutes(10));
    assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("HALTED");

    JsonNode report = api.report(id);
    double floor = report.path("floors").path(MU).asDouble();
    int resultStep = report.path("resultStep").asInt();
    JsonNode halt = last(report.path("decisions"));
    assertThat(halt.path("decision").asText()).isEqualTo("HALT");
    assertThat(resultStep).isLessThan(halt.path("step").asInt());
    // the result met the floor; the checkpoint that crossed it did not
    assertThat(utilityAt(report, resultStep)).isGreaterThanOrEqualTo(floor);
    assertThat(utilityAt(report, halt.path("step").asInt())).isLessThan(floor);
    assertThat(report.path("points").get(0).path("metrics").has("tofu.forget_quality@1")).isTrue();
    // what the trainer ran ahead of the crossing, up to its furthest checkpoint, is reported (the
    // segment in flight at the decision may still be arriving)
    int haltStep = halt.path("step").asInt();
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              int furthest = 0;
              for (JsonNode c : api.checkpoints(id)) {
                furthest = Math.max(furthest, c.path("step").asInt());
              }
              assertThat(api.report(id).path("stepsTrainedPastCrossing").asInt())
                  .isEqualTo(furthest - haltStep);
            });
  }

  @Test
  @Order(3)
  void aMixJobEndsWithTheFloorsMet() {
    assumeTrue(target != null && retain != null, "reference models were not built");
    String id = api.submit(gradientAscent("MIX"));
    JsonNode job = awaitEnd(id, Duration.ofMinutes(10));
    assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("COMPLETED");
    JsonNode report = api.report(id);
    double floor = report.path("floors").path(MU).asDouble();
    assertThat(report.path("decisions").findValuesAsText("decision")).contains("MIX");
    // the result is the start (α = 0) or a mixed model that met every floor
    JsonNode result = null;
    for (JsonNode p : report.path("points")) {
      boolean same =
          p.path("step").asInt() == report.path("resultStep").asInt()
              && (report.path("resultMixAlpha").isNumber()
                  ? p.path("mixAlpha").isNumber()
                      && p.path("mixAlpha").asDouble() == report.path("resultMixAlpha").asDouble()
                  : !p.path("mixAlpha").isNumber());
      if (same && "FULL".equals(p.path("kind").asText())) {
        result = p;
      }
    }
    assertThat(result).as(report.toString()).isNotNull();
    assertThat(result.path("metrics").path(MU).asDouble()).isGreaterThanOrEqualTo(floor);
  }

  @Test
  @Order(4)
  void aCancelledJobStops() throws Exception {
    assumeTrue(target != null, "reference models were not built");
    String id = api.submit(finetune("full"));
    assertThat(api.cancel(id).path("status").asText()).isEqualTo("CANCELLED");
    JsonNode job = api.job(id);
    assertThat(job.path("status").asText()).isEqualTo("CANCELLED");
    // nothing moves a cancelled job on: it is still cancelled after its in-flight segment ended
    Thread.sleep(5000);
    assertThat(api.job(id).path("status").asText()).isEqualTo("CANCELLED");
    assertThat(api.job(id).path("currentStep").asInt()).isZero();
  }

  @Test
  @Order(5)
  void theApiServesOnlyTheTokensTenant() throws Exception {
    assumeTrue(target != null, "reference models were not built");
    LocalStack stack = e2e.stack();
    URI orchestrator = stack.endpoints().serviceUrl(LetheService.ORCHESTRATOR);
    HttpResponse<String> anonymous =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(orchestrator.resolve("/jobs/" + target.path("id").asText()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("content-type").orElse(""))
        .startsWith("application/problem+json");

    // a token of another tenant, signed with the same development key: valid, but none of the
    // jobs above are its own
    String other =
        DevelopmentKeys.loadOrCreate(stack.config().authDirectory())
            .token("other", List.of("submit", "view"), Instant.now(), Duration.ofHours(1));
    OrchestratorClient otherTenant = new OrchestratorClient(orchestrator, other);
    assertThat(otherTenant.jobs()).isEmpty();
    assertThatThrownBy(() -> otherTenant.job(target.path("id").asText()))
        .hasMessageContaining("answered 404");
    assertThatThrownBy(() -> otherTenant.cancel(target.path("id").asText()))
        .hasMessageContaining("answered 404");
    // the development token's tenant is the owner
    assertThat(api.jobs().findValuesAsText("tenant")).containsOnly(DevelopmentKeys.TENANT);
  }

  static JsonNode last(JsonNode array) {
    return array.get(array.size() - 1);
  }

  static double utilityAt(JsonNode report, int step) {
    for (JsonNode p : report.path("points")) {
      if (p.path("step").asInt() == step
          && !p.path("mixAlpha").isNumber()
          && p.path("metrics").has(MU)) {
        return p.path("metrics").path(MU).asDouble();
      }
    }
    throw new AssertionError("no utility at step " + step + " in " + report);
  }
}
