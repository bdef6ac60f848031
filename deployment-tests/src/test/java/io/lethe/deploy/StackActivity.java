package io.lethe.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lethe.stack.LetheService;
import io.lethe.stack.StackEndpoints;
import io.lethe.stack.demo.OrchestratorClient;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/**
 * Makes a running stack do, in miniature, what a real deployment does, so that every meter that
 * only exists after its first use is in {@code /q/metrics}: a reference model fine-tuned (trainer
 * steps, tokens, loss, checkpoints), a controlled unlearning job with a utility floor (generation,
 * evaluation, the controller's decisions and utility-vs-floor gauges), a job whose start checkpoint
 * does not match its hash (a real trainer failure, then the controller's FAIL), and a poison record
 * on every input topic (dead-lettered and counted). The micro model and two-item evaluation sets
 * keep it to seconds of compute.
 */
final class StackActivity {

  /** The floored metric: the retain set's answer probability, never 0 even for a micro model. */
  static final String FLOOR_METRIC = "tofu.probability@1/retain";

  static final Set<String> ENDED = Set.of("HALTED", "COMPLETED", "FAILED", "CANCELLED");

  /** Not JSON: every consumer must dead-letter it byte for byte and go on. */
  static final String POISON = "{not an event";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final StackEndpoints endpoints;
  private final OrchestratorClient api;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  StackActivity(StackEndpoints endpoints) {
    this.endpoints = endpoints;
    this.api =
        new OrchestratorClient(
            endpoints.serviceUrl(LetheService.ORCHESTRATOR), endpoints.apiToken());
  }

  /** Fine-tunes a micro model for one step; returns the ended job. */
  JsonNode fineTuneReferenceModel(Duration timeout) {
    ObjectNode job = JSON.createObjectNode();
    job.put("kind", "FINETUNE");
    dataset(job);
    job.putObject("startModel").put("preset", "micro");
    job.putObject("hyperparameters")
        .put("maxSteps", 1)
        .put("effectiveBatch", 8)
        .put("microBatch", 8);
    return awaitEnd(api.submit(job), timeout);
  }

  /**
   * Submits one step of GA+GD from {@code model} under a floor that cannot be breached (a maximum
   * relative drop of 100 %), evaluated in full at steps 0 and 1: the controller measures the floor
   * at both and completes the job. Returns the job id.
   */
  String submitControlledUnlearning(JsonNode model) {
    ObjectNode job = unlearn(model.path("uri").asText(), model.path("sha256").asText());
    ObjectNode policy = job.putObject("policy");
    policy.putArray("floors").addObject().put("metricId", FLOOR_METRIC).put("maxRelativeDrop", 1.0);
    policy.put("probeEvery", 0).put("fullEvery", 1);
    job.putObject("evaluation").put("maxItemsPerSet", 2).put("shardSize", 2);
    return api.submit(job);
  }

  /**
   * Submits a job whose start model is {@code model}'s directory with another hash: the trainer
   * refuses the checkpoint and reports the segment failed, the controller decides FAIL. Returns the
   * job id.
   */
  String submitFromAForgedCheckpoint(JsonNode model) {
    return api.submit(unlearn(model.path("uri").asText(), "0".repeat(64)));
  }

  /** Waits until the job has ended; returns it. */
  JsonNode awaitEnd(String jobId, Duration timeout) {
    Awaitility.await()
        .atMost(timeout)
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> ENDED.contains(api.job(jobId).path("status").asText()));
    return api.job(jobId);
  }

  /** Publishes {@link #POISON} to each topic and waits until the broker acknowledged each. */
  void publishPoison(Iterable<String> topics)
      throws InterruptedException, ExecutionException, TimeoutException {
    Properties config = new Properties();
    config.putAll(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrapServers(),
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      for (String topic : topics) {
        producer
            .send(new ProducerRecord<>(topic, "deployment-tests", POISON))
            .get(30, TimeUnit.SECONDS);
      }
    }
  }

  /** The Prometheus text a service exposes at {@code /q/metrics}. */
  String scrape(LetheService service) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(endpoints.metricsUrl(service))
            .timeout(Duration.ofSeconds(10))
            .GET()
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(service.moduleName() + " /q/metrics answered " + response.statusCode());
    }
    return response.body();
  }

  /** Two generated authors of four questions: one forget row, seven retain rows. */
  private static void dataset(ObjectNode job) {
    job.putObject("dataset")
        .put("source", "builtin")
        .put("split", "forget10")
        .put("authors", 2)
        .put("questionsPerAuthor", 4);
  }

  private static ObjectNode unlearn(String uri, String sha256) {
    ObjectNode job = JSON.createObjectNode();
    job.put("kind", "UNLEARN").put("method", "GA+GD");
    dataset(job);
    job.putObject("startModel").put("uri", uri).put("sha256", sha256);
    job.putObject("hyperparameters")
        .put("maxSteps", 1)
        .put("effectiveBatch", 1)
        .put("microBatch", 1);
    return job;
  }
}
