package io.lethe.orchestrator;

import io.lethe.infra.test.InjectKafkaCompanion;
import io.lethe.infra.test.LetheInfraTestResource;
import io.lethe.infra.test.PoisonScenario;
import io.lethe.schemas.EventSamples;
import io.lethe.schemas.Topics;
import io.lethe.schemas.json.LetheJson;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
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
class EvaluationConsumerTest {

  @InjectKafkaCompanion KafkaCompanion companion;

  @TestHTTPResource("/q/metrics")
  URL metrics;

  @Test
  void validEvaluationsAreStoredAndPoisonIsDeadLettered() {
    var evaluation = EventSamples.evaluation();
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
