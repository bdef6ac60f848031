package io.lethe.deploy;

import io.lethe.schemas.Topics;
import io.lethe.schemas.events.StepFailedEvent;
import io.lethe.schemas.json.LetheJson;
import io.lethe.stack.LetheService;
import io.lethe.stack.StackEndpoints;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Makes a running stack do what a real deployment does, so that meters which only exist after their
 * first use are in {@code /q/metrics}: a job submitted through the API, a failed segment reported
 * for it (the controller decides FAIL), and a poison record on every input topic (each consumer
 * dead-letters it and counts it).
 */
final class StackActivity {

  /** The smallest job the API accepts: fine-tune the tiny preset on two generated authors. */
  static final String TINY_FINETUNE_JOB =
      """
      {"kind":"FINETUNE",
       "dataset":{"source":"builtin","split":"forget01","authors":2,"questionsPerAuthor":2}}
      """;

  /** Not JSON: every consumer must dead-letter it byte for byte and go on. */
  static final String POISON = "{not an event";

  private final StackEndpoints endpoints;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  StackActivity(StackEndpoints endpoints) {
    this.endpoints = endpoints;
  }

  /** POSTs {@link #TINY_FINETUNE_JOB}; returns the new job's id. */
  String submitJob() throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(endpoints.serviceUrl(LetheService.ORCHESTRATOR).resolve("/jobs"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(TINY_FINETUNE_JOB))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 201) {
      throw new IOException(
          "POST /jobs answered " + response.statusCode() + ": " + response.body());
    }
    return LetheJson.mapper().readTree(response.body()).path("id").asText();
  }

  /**
   * What a trainer publishes when it cannot train a segment; the orchestrator's controller answers
   * it with a FAIL decision, so the decision meters exist.
   */
  void reportSegmentFailure(String jobId)
      throws InterruptedException, ExecutionException, TimeoutException {
    StepFailedEvent failure =
        new StepFailedEvent(
            UUID.randomUUID(),
            StepFailedEvent.SCHEMA_VERSION,
            jobId,
            Instant.now(),
            0,
            0,
            "TRAINING_ERROR",
            "deployment-tests: a failed segment, to drive the controller's FAIL decision");
    publish(Topics.STEP_FAILURES, jobId, LetheJson.write(failure));
  }

  /** Publishes {@link #POISON} to each topic and waits until the broker acknowledged each. */
  void publishPoison(List<String> topics)
      throws InterruptedException, ExecutionException, TimeoutException {
    for (String topic : topics) {
      publish(topic, "deployment-tests", POISON);
    }
  }

  private void publish(String topic, String key, String value)
      throws InterruptedException, ExecutionException, TimeoutException {
    Properties config = new Properties();
    config.putAll(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrapServers(),
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
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
}
