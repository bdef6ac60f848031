package io.lethe.evaluator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.lethe.infra.test.InjectKafkaCompanion;
import io.lethe.infra.test.LetheInfraTestResource;
import io.lethe.infra.test.PoisonScenario;
import io.lethe.schemas.EventSamples;
import io.lethe.schemas.Topics;
import io.lethe.schemas.events.GenerationEvent;
import io.lethe.schemas.json.LetheJson;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.net.URL;
import org.junit.jupiter.api.Test;

/**
 * The evaluator reads generation shards from a real broker and dead-letters poison without
 * stopping.
 */
@QuarkusTest
@WithTestResource(value = LetheInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class GenerationConsumerTest {

  @InjectKafkaCompanion KafkaCompanion companion;

  @TestHTTPResource("/q/metrics")
  URL metrics;

  @Test
  void validShardsAreConsumedAndPoisonIsDeadLettered() {
    // the sample shard as a whole one-shard evaluation, so its ack is released (held acks of an
    // evaluation that never completes would stall the partition's commits for the other tests)
    var sample = EventSamples.generation();
    var shard =
        new GenerationEvent(
            sample.eventId(),
            sample.schemaVersion(),
            sample.jobId(),
            sample.occurredAt(),
            sample.step(),
            sample.checkpointSha256(),
            sample.model(),
            sample.kind(),
            sample.evalSet(),
            0,
            1,
            1,
            sample.items(),
            sample.environment());
    String first = LetheJson.write(shard);
    PoisonScenario.run(
        companion,
        metrics.toString(),
        Topics.GENERATIONS,
        shard.jobId(),
        first,
        PoisonScenario.withFreshEventId(first));
  }

  @Test
  void reportsHealthyWithItsKafkaChannel() {
    given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
  }
}
