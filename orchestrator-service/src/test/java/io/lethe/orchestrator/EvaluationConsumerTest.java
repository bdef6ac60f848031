package io.lethe.orchestrator;

import static io.restassured.RestAssured.given;

import io.lethe.infra.test.InjectKafkaCompanion;
import io.lethe.infra.test.LetheInfraTestResource;
import io.lethe.infra.test.PoisonScenario;
import io.lethe.schemas.EventSamples;
import io.lethe.schemas.Topics;
import io.lethe.schemas.events.EvaluationEvent;
import io.lethe.schemas.json.LetheJson;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.net.URL;
import org.junit.jupiter.api.Test;

/**
 * The orchestrator stores evaluations from a real broker into real PostgreSQL and dead-letters
 * poison.
 */
@QuarkusTest
@WithTestResource(
    value = LetheInfraTestResource.class,
    scope = TestResourceScope.GLOBAL,
    initArgs = @ResourceArg(name = LetheInfraTestResource.POSTGRES, value = "true"))
@WithTestResource(value = JwtTestKeys.class, scope = TestResourceScope.GLOBAL)
class EvaluationConsumerTest {

  @InjectKafkaCompanion KafkaCompanion companion;

  @TestHTTPResource("/q/metrics")
  URL metrics;

  @Test
  void validEvaluationsAreStoredAndPoisonIsDeadLettered() {
    String job =
        given(Tokens.asMember())
            .contentType(ContentType.JSON)
            .body(JobApiTest.UNLEARN_JOB)
            .post("/jobs")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    var sample = EventSamples.evaluation();
    var evaluation =
        new EvaluationEvent(
            sample.eventId(),
            sample.schemaVersion(),
            job,
            sample.occurredAt(),
            sample.step(),
            sample.checkpointSha256(),
            sample.kind(),
            sample.metrics(),
            sample.perSample(),
            sample.environment());
    String first = LetheJson.write(evaluation);
    PoisonScenario.run(
        companion,
        metrics.toString(),
        Topics.EVALUATIONS,
        evaluation.jobId(),
        first,
        PoisonScenario.withFreshEventId(first));
  }
}
