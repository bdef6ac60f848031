package io.lethe.generator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.lethe.generator.config.GeneratorConfig;
import io.lethe.infra.test.InjectKafkaCompanion;
import io.lethe.infra.test.LetheInfraTestResource;
import io.lethe.infra.test.PoisonScenario;
import io.lethe.infra.test.PrometheusScrape;
import io.lethe.ml.checkpoint.Checkpoint;
import io.lethe.schemas.EventSamples;
import io.lethe.schemas.Topics;
import io.lethe.schemas.domain.EvaluationKind;
import io.lethe.schemas.domain.EvaluationPlan;
import io.lethe.schemas.events.CheckpointEvent;
import io.lethe.schemas.json.LetheJson;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The generator reads checkpoint events from a real broker, dead-letters poison without stopping,
 * and refuses to evaluate a checkpoint whose weights do not match the published hash.
 */
@QuarkusTest
@WithTestResource(value = LetheInfraTestResource.class, scope = TestResourceScope.GLOBAL)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CheckpointConsumerTest {

  @Inject GeneratorConfig config;

  @InjectKafkaCompanion KafkaCompanion companion;

  @TestHTTPResource("/q/metrics")
  URL metrics;

  /**
   * The shared sample with no evaluation requested: its checkpoint directory does not exist here,
   * and a checkpoint that is not evaluated is consumed without being read.
   */
  static CheckpointEvent notEvaluated() {
    CheckpointEvent s = EventSamples.checkpoint();
    return new CheckpointEvent(
        s.eventId(),
        s.schemaVersion(),
        s.jobId(),
        s.occurredAt(),
        s.step(),
        s.segment(),
        s.kind(),
        s.uri(),
        s.sha256(),
        s.parentSha256(),
        s.lossTerms(),
        s.gradNorm(),
        s.tokens(),
        s.seconds(),
        s.mixAlpha(),
        s.dataset(),
        new EvaluationPlan(EvaluationKind.NONE, List.of(), 1, 1, null),
        s.plannedSteps());
  }

  @Test
  @Order(1)
  void validEventsAreConsumedAndPoisonIsDeadLettered() {
    var event = notEvaluated();
    String first = LetheJson.write(event);
    PoisonScenario.run(
        companion,
        metrics.toString(),
        Topics.CHECKPOINTS,
        event.jobId(),
        first,
        PoisonScenario.withFreshEventId(first));
  }

  /**
   * Runs after the poison scenario, which expects the dead-letter queue to hold only its own
   * poison.
   */
  @Test
  @Order(2)
  void checkpointWithMismatchingHashIsDeadLetteredAndNeverEvaluated() {
    String jobId = "mismatch-" + UUID.randomUUID();
    Checkpoint candidate = MicroCheckpoints.save(config.checkpointRoot(), jobId, 5, 51L);
    EvaluationPlan plan =
        new EvaluationPlan(
            EvaluationKind.FULL,
            List.of("forget", "retain", "real_authors", "world_facts"),
            3,
            2,
            null);
    Map<String, String> integrity = Map.of("reason", "integrity");
    double rejectedBefore = rejected(integrity);
    String forged = "f".repeat(64);

    TopicRecords.send(
        companion,
        Topics.CHECKPOINTS,
        jobId,
        LetheJson.write(MicroCheckpoints.event(jobId, 5, candidate, forged, plan)));

    ConsumerRecord<String, String> deadLetter =
        TopicRecords.awaitMatching(
                companion, Topics.deadLetter(Topics.CHECKPOINTS), r -> jobId.equals(r.key()), 1)
            .get(0);
    assertThat(LetheJson.read(deadLetter.value(), CheckpointEvent.class).sha256())
        .isEqualTo(forged);
    Header reason = deadLetter.headers().lastHeader("dead-letter-reason");
    assertThat(reason).isNotNull();
    assertThat(new String(reason.value(), StandardCharsets.UTF_8))
        .contains(forged)
        .contains(candidate.modelSha256());
    assertThat(rejected(integrity) - rejectedBefore).isEqualTo(1.0);

    // the hash is checked before any task is planned: nothing of the job can be on the topics now
    assertThat(TopicRecords.valuesContaining(companion, GeneratorTopics.GENERATION_TASKS, jobId))
        .isEmpty();
    assertThat(TopicRecords.valuesContaining(companion, Topics.GENERATIONS, jobId)).isEmpty();
  }

  double rejected(Map<String, String> labels) {
    return PrometheusScrape.value(
        metrics.toString(), "lethe_generation_checkpoints_rejected_total", labels);
  }

  @Test
  void reportsHealthyWithItsKafkaChannel() {
    given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
  }

  @Test
  void startupCheckShowsTheLoadedInferenceEngine() {
    given()
        .when()
        .get("/q/health/started")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.find { it.name == 'generator inference engine' }.status", equalTo("UP"))
        .body(
            "checks.find { it.name == 'generator inference engine' }.data.engine",
            startsWith("PyTorch"));
  }
}
