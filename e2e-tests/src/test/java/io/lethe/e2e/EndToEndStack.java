package io.lethe.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lethe.stack.LetheService;
import io.lethe.stack.LocalStack;
import io.lethe.stack.RepositoryRoot;
import io.lethe.stack.StackConfig;
import io.lethe.stack.demo.OrchestratorClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;

/**
 * The four services as real processes on real Kafka and PostgreSQL, started once for every
 * end-to-end test class of the run (they take ~30 s to come up on two cores), with the micro
 * reference models every unlearning test needs, fine-tuned once through the job API.
 *
 * <p>The data directory is {@code target/e2e-stack}: kept after the run, so the services' logs
 * ({@code logs/}) are there to read when a test fails in CI.
 */
final class EndToEndStack implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();
  static final Set<String> ENDED = Set.of("HALTED", "COMPLETED", "FAILED", "CANCELLED");

  private final LocalStack stack;
  private final OrchestratorClient api;
  private JsonNode target;
  private JsonNode retain;

  private EndToEndStack(LocalStack stack) {
    this.stack = stack;
    this.api =
        new OrchestratorClient(
            stack.endpoints().serviceUrl(LetheService.ORCHESTRATOR), stack.endpoints().apiToken());
  }

  /** Starts the stack; skips the calling test class when the service jars are not built. */
  static EndToEndStack start() {
    Path repo = RepositoryRoot.locate().orElseThrow();
    List<Path> missing =
        Arrays.stream(LetheService.values())
            .map(s -> s.runnableJar(repo))
            .filter(jar -> !Files.isRegularFile(jar))
            .toList();
    assumeTrue(missing.isEmpty(), "service jars not built (./mvnw package first): " + missing);
    Path data = repo.resolve("e2e-tests/target/e2e-stack");
    deleteRecursively(data);
    StackConfig.Builder config =
        StackConfig.builder(repo)
            .dataDirectory(data)
            .onFreePorts()
            .readyTimeout(Duration.ofSeconds(180))
            .stopGrace(Duration.ofSeconds(20));
    return new EndToEndStack(LocalStack.start(config.build()));
  }

  LocalStack stack() {
    return stack;
  }

  /** The job API with the development token (tenant {@code local}, every role). */
  OrchestratorClient api() {
    return api;
  }

  /** The target model's FINETUNE job (all authors), built on first use. */
  synchronized JsonNode target() {
    buildReferenceModels();
    return target;
  }

  /** The retain model's FINETUNE job (forget author held out), built on first use. */
  synchronized JsonNode retain() {
    buildReferenceModels();
    return retain;
  }

  private void buildReferenceModels() {
    if (target != null) {
      return;
    }
    String t = api.submit(finetune("full"));
    String r = api.submit(finetune("retain"));
    JsonNode targetJob = awaitEnd(t, Duration.ofMinutes(10));
    JsonNode retainJob = awaitEnd(r, Duration.ofMinutes(10));
    assertThat(targetJob.path("status").asText()).as(targetJob.toString()).isEqualTo("COMPLETED");
    assertThat(retainJob.path("status").asText()).as(retainJob.toString()).isEqualTo("COMPLETED");
    target = targetJob;
    retain = retainJob;
  }

  /** Waits until the job has ended and returns its final state. */
  JsonNode awaitEnd(String id, Duration timeout) {
    Awaitility.await()
        .atMost(timeout)
        .pollInterval(Duration.ofSeconds(2))
        .ignoreExceptions() // the orchestrator may be down for a moment in the fault tests
        .until(() -> ENDED.contains(api.job(id).path("status").asText()));
    return api.job(id);
  }

  /** The built-in dataset of the tests: 10 authors × 4 questions, forget10 = the last author. */
  static ObjectNode dataset(ObjectNode job) {
    ObjectNode d = job.putObject("dataset");
    d.put("source", "builtin")
        .put("split", "forget10")
        .put("authors", 10)
        .put("questionsPerAuthor", 4);
    return d;
  }

  /** A FINETUNE job of the micro preset on the full split (target) or the retain split. */
  static ObjectNode finetune(String trainOn) {
    ObjectNode job = JSON.createObjectNode();
    job.put("kind", "FINETUNE");
    dataset(job).put("trainOn", trainOn);
    job.putObject("startModel").put("preset", "micro");
    ObjectNode hp = job.putObject("hyperparameters");
    hp.put("learningRate", 3e-3).put("epochs", 30).put("effectiveBatch", 16).put("microBatch", 16);
    return job;
  }

  /**
   * Gradient ascent from the target model at a step size that destroys a 100k-parameter model's
   * utility within a few steps, so the floor must trip; one full evaluation per step.
   */
  ObjectNode gradientAscent(String floorMetric, String onBreach) {
    ObjectNode job = JSON.createObjectNode();
    job.put("kind", "UNLEARN").put("method", "GA");
    dataset(job);
    job.putObject("startModel")
        .put("uri", target().path("result").path("uri").asText())
        .put("sha256", target().path("result").path("sha256").asText());
    job.putObject("retainModel")
        .put("uri", retain().path("result").path("uri").asText())
        .put("sha256", retain().path("result").path("sha256").asText());
    job.putObject("hyperparameters")
        .put("learningRate", 5e-2)
        .put("epochs", 5)
        .put("effectiveBatch", 1)
        .put("microBatch", 1);
    ObjectNode policy = job.putObject("policy");
    policy.putArray("floors").addObject().put("metricId", floorMetric).put("maxRelativeDrop", 0.05);
    policy.put("probeEvery", 0).put("fullEvery", 1).put("onBreach", onBreach);
    policy.put("mixTolerance", 0.25).put("mixMaxIterations", 3);
    job.putObject("evaluation").put("maxItemsPerSet", 12).put("shardSize", 6);
    return job;
  }

  @Override
  public void close() {
    stack.stop();
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear " + dir, e);
    }
  }
}
