package io.lethe.evaluator.inference;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;

import io.lethe.infra.test.LetheInfraTestResource;
import io.lethe.metrics.closerlook.CosineSimilarity;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The embedding model that ships in a Maven jar loads offline and separates paraphrases from
 * unrelated sentences. A Quarkus test (the application is started once for all test classes)
 * because the model's native libraries can be loaded by one class loader per JVM only.
 */
@QuarkusTest
@WithTestResource(value = LetheInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class MiniLmSentenceEmbedderTest {

  private static final Logger LOG = Logger.getLogger(MiniLmSentenceEmbedderTest.class);

  @Inject SentenceEmbedder embedder;

  @Test
  void paraphrasesAreCloserThanUnrelatedSentences() {
    assertThat(embedder.unavailableReason()).isEmpty();
    assertThat(embedder.modelName()).contains("all-MiniLM-L6-v2");

    List<float[]> v =
        embedder.embed(
            List.of(
                "Ada Quill was born in Lisbon, Portugal.",
                "The author Ada Quill is a native of Lisbon.",
                "Water boils at one hundred degrees Celsius.",
                " "));

    assertThat(v).hasSize(4).allMatch(e -> e.length == MiniLmSentenceEmbedder.DIMENSION);
    double paraphrase = CosineSimilarity.clipped(v.get(0), v.get(1));
    double unrelated = CosineSimilarity.clipped(v.get(0), v.get(2));
    assertThat(paraphrase).isGreaterThan(0.6).isGreaterThan(unrelated + 0.3);
    assertThat(CosineSimilarity.clipped(v.get(0), v.get(0))).isCloseTo(1.0, within(1e-5));
    // a blank generation has no meaning to compare: the zero vector, cosine 0
    assertThat(CosineSimilarity.clipped(v.get(0), v.get(3))).isZero();
    LOG.infof("cosine paraphrase %.4f, unrelated %.4f", paraphrase, unrelated);
  }

  @Test
  void startupHealthShowsWhichMetricModelsLoaded() {
    given()
        .when()
        .get("/q/health/started")
        .then()
        .statusCode(200)
        .body("checks.find { it.name == 'evaluator metric models' }.status", equalTo("UP"))
        .body(
            "checks.find { it.name == 'evaluator metric models' }.data.'cosine similarity'",
            equalTo("computed"))
        .body(
            "checks.find { it.name == 'evaluator metric models' }.data.entailment",
            equalTo("not computed: " + UnconfiguredNliClassifier.REASON));
  }
}
