package io.lethe.evaluator.health;

import io.lethe.evaluator.inference.NliClassifier;
import io.lethe.evaluator.inference.SentenceEmbedder;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Startup;

/**
 * Startup check that shows which metric models loaded (style guide rule 31). A missing model is not
 * an unhealthy service — the metrics it feeds are published as not computed, with the reason — so
 * the check is always up and carries the status as data.
 */
@Startup
@ApplicationScoped
public class EmbeddingModelHealthCheck implements HealthCheck {

  private final SentenceEmbedder embedder;
  private final NliClassifier nli;

  public EmbeddingModelHealthCheck(SentenceEmbedder embedder, NliClassifier nli) {
    this.embedder = embedder;
    this.nli = nli;
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named("evaluator metric models")
            .up()
            .withData("embedding model", embedder.modelName());
    embedder
        .unavailableReason()
        .ifPresentOrElse(
            reason -> response.withData("cosine similarity", "not computed: " + reason),
            () -> response.withData("cosine similarity", "computed"));
    nli.unavailableReason()
        .ifPresentOrElse(
            reason -> response.withData("entailment", "not computed: " + reason),
            () -> response.withData("entailment", "computed"));
    return response.build();
  }
}
