package io.lethe.trainer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.lethe.infra.test.InjectKafkaCompanion;
import io.lethe.infra.test.LetheInfraTestResource;
import io.lethe.infra.test.PoisonScenario;
import io.lethe.schemas.EventSamples;
import io.lethe.schemas.Topics;
import io.lethe.schemas.json.LetheJson;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.net.URL;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The trainer reads segment commands from a real broker and dead-letters poison without stopping.
 */
@QuarkusTest
@Tag("quarkus")
@WithTestResource(value = LetheInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class SegmentCommandConsumerTest {

  @InjectKafkaCompanion KafkaCompanion companion;

  @TestHTTPResource("/q/metrics")
  URL metrics;

  @Test
  void validEventsAreConsumedAndPoisonIsDeadLettered() {
    var event = EventSamples.command();
    String first = LetheJson.write(event);
    PoisonScenario.run(
        companion,
        metrics.toString(),
        Topics.UNLEARNING_STEPS,
        event.jobId(),
        first,
        PoisonScenario.withFreshEventId(first));
  }

  @Test
  void reportsHealthyWithItsKafkaChannel() {
    given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
  }
}
