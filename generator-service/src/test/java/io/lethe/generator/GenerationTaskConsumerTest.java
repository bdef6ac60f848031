package io.lethe.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.generator.config.GeneratorConfig;
import io.lethe.infra.test.InjectKafkaCompanion;
import io.lethe.infra.test.LetheInfraTestResource;
import io.lethe.infra.test.PoisonScenario;
import io.lethe.infra.test.PrometheusScrape;
import io.lethe.ml.checkpoint.Checkpoint;
import io.lethe.schemas.Topics;
import io.lethe.schemas.domain.EvaluationKind;
import io.lethe.schemas.json.LetheJson;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The task consumer on a real broker: valid shard tasks are run and published, poison tasks and
 * tasks whose model fails verification land on {@code generation-tasks-dlq} without stopping it.
 */
@QuarkusTest
@WithTestResource(value = LetheInfraTestResource.class, scope = TestResourceScope.GLOBAL)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GenerationTaskConsumerTest {

  @InjectKafkaCompanion KafkaCompanion companion;

  @Inject GeneratorConfig config;

  @TestHTTPResource("/q/metrics")
  URL metrics;

  static GenerationTask probeTask(String jobId, Checkpoint checkpoint, String modelSha256) {
    UUID checkpointEvent = UUID.randomUUID();
    return new GenerationTask(
        GenerationTask.idOf(checkpointEvent, "candidate", "retain", 0),
        GenerationTask.SCHEMA_VERSION,
        jobId,
        Instant.now(),
        2,
        checkpointEvent,
        checkpoint.modelSha256(),
        "candidate",
        checkpoint.directory().toUri().toString(),
        modelSha256,
        EvaluationKind.PROBE,
        MicroCheckpoints.DATA,
        "retain",
        0,
        1,
        1,
        0,
        1);
  }

  @Test
  @Order(1)
  void validTasksAreRunAndPoisonIsDeadLettered() {
    String jobId = "tasks-" + UUID.randomUUID();
    Checkpoint checkpoint = MicroCheckpoints.save(config.checkpointRoot(), jobId, 2, 61L);
    String first = LetheJson.write(probeTask(jobId, checkpoint, checkpoint.modelSha256()));

    PoisonScenario.run(
        companion,
        metrics.toString(),
        GeneratorTopics.GENERATION_TASKS,
        jobId,
        first,
        PoisonScenario.withFreshEventId(first));
  }

  /**
   * Runs after the poison scenario, which expects the dead-letter queue to hold only its own
   * poison.
   */
  @Test
  @Order(2)
  void taskWhoseModelFailsVerificationIsDeadLettered() {
    String jobId = "tasks-forged-" + UUID.randomUUID();
    Checkpoint checkpoint = MicroCheckpoints.save(config.checkpointRoot(), jobId, 2, 62L);
    GenerationTask forged = probeTask(jobId, checkpoint, "e".repeat(64));
    Map<String, String> integrity = Map.of("reason", "integrity");
    double before =
        PrometheusScrape.value(
            metrics.toString(), "lethe_generation_checkpoints_rejected_total", integrity);

    TopicRecords.send(
        companion,
        GeneratorTopics.GENERATION_TASKS,
        forged.partitionKey(),
        LetheJson.write(forged));

    assertThat(
            TopicRecords.awaitMatching(
                companion,
                Topics.deadLetter(GeneratorTopics.GENERATION_TASKS),
                r -> forged.partitionKey().equals(r.key()),
                1))
        .singleElement()
        .satisfies(r -> assertThat(r.value()).isEqualTo(LetheJson.write(forged)));
    assertThat(
            PrometheusScrape.value(
                    metrics.toString(), "lethe_generation_checkpoints_rejected_total", integrity)
                - before)
        .isEqualTo(1.0);
  }
}
