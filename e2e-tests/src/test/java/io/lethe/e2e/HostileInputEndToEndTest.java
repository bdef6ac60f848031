package io.lethe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lethe.schemas.Topics;
import io.lethe.stack.LetheService;
import io.lethe.stack.LocalStack;
import io.lethe.stack.demo.OrchestratorClient;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a hostile or broken world sends the services, end to end on the running stack: a checkpoint
 * whose file does not match its hash, a learning rate that makes training diverge, every event of
 * every topic delivered a second time, and poison on every topic a service consumes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(EndToEndStackExtension.class)
class HostileInputEndToEndTest {

  /** Every topic a Lethe service consumes, and the services that consume it. */
  static final Map<String, List<LetheService>> CONSUMED =
      Map.of(
          Topics.UNLEARNING_STEPS,
          List.of(LetheService.TRAINER),
          Topics.CHECKPOINTS,
          List.of(LetheService.GENERATOR, LetheService.ORCHESTRATOR),
          "generation-tasks",
          List.of(LetheService.GENERATOR),
          Topics.GENERATIONS,
          List.of(LetheService.EVALUATOR),
          Topics.EVALUATIONS,
          List.of(LetheService.ORCHESTRATOR),
          Topics.STEP_FAILURES,
          List.of(LetheService.ORCHESTRATOR));

  /** Every topic that carries Lethe's events (control-decisions is for downstream consumers). */
  static final List<String> TOPICS =
      Stream.concat(CONSUMED.keySet().stream(), Stream.of(Topics.CONTROL_DECISIONS)).toList();

  static EndToEndStack e2e;
  static OrchestratorClient api;
  static LocalStack stack;

  @BeforeAll
  static void useTheSharedStack(EndToEndStack shared) {
    e2e = shared;
    api = shared.api();
    stack = shared.stack();
  }

  @Test
  @Order(1)
  void aCheckpointWhoseFileDoesNotMatchItsHashIsRefusedAndTheJobFailsSayingWhy() throws Exception {
    // a copy of the target model with one byte of its weights flipped, announced with the
    // original hash: what a torn write, a bad disk or a tampered store looks like
    Path original = Path.of(java.net.URI.create(e2e.target().path("result").path("uri").asText()));
    Path tampered = stack.config().checkpointRoot().resolve("tampered-target");
    copyDirectory(original, tampered);
    Path weights = tampered.resolve("model.safetensors");
    try (var file =
        java.nio.channels.FileChannel.open(
            weights, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
      long at = file.size() - 17;
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
      file.read(b, at);
      b.flip();
      byte flipped = (byte) (b.get(0) ^ 0x01);
      file.write(java.nio.ByteBuffer.wrap(new byte[] {flipped}), at);
    }
    ObjectNode job = e2e.gradientAscent(ControlledUnlearningEndToEndTest.MU, "HALT");
    ((ObjectNode) job.path("startModel"))
        .put("uri", tampered.toUri().toString())
        .put("sha256", e2e.target().path("result").path("sha256").asText());

    String id = api.submit(job);
    JsonNode ended = e2e.awaitEnd(id, Duration.ofMinutes(5));

    assertThat(ended.path("status").asText()).as(ended.toString()).isEqualTo("FAILED");
    assertThat(ended.path("statusReason").asText())
        .as(ended.toString())
        .contains("SHA-256")
        .contains(e2e.target().path("result").path("sha256").asText());
    assertThat(api.checkpoints(id)).isEmpty();
    assertThat(api.decisions(id).findValuesAsText("decision")).containsExactly("FAIL");
  }

  @Test
  @Order(2)
  void aDivergingRunIsHaltedByItsGuardWithTheReasonRecorded() {
    // the largest learning rate the API accepts, on gradient ascent with a floor that cannot trip
    // (0 × baseline): the gradient norm runs away (1.3 at the start, hundreds within ten steps)
    // and the guard, set to 100, must stop it. (At this rate the loss itself stays finite; a
    // non-finite loss or gradient is refused by the trainer: TrainerFlowTest, JobLoopTest.)
    ObjectNode job = e2e.gradientAscent(ControlledUnlearningEndToEndTest.MU, "HALT");
    ((ObjectNode) job.path("hyperparameters")).put("learningRate", 1.0);
    ((ObjectNode) job.path("policy").path("floors").get(0)).put("maxRelativeDrop", 1.0);
    ((ObjectNode) job.path("policy")).put("maxGradNorm", 100.0);
    String id = api.submit(job);
    JsonNode ended = e2e.awaitEnd(id, Duration.ofMinutes(5));

    assertThat(ended.path("status").asText()).as(ended.toString()).isEqualTo("HALTED");
    JsonNode halt = last(api.decisions(id));
    assertThat(halt.path("decision").asText()).isEqualTo("HALT");
    assertThat(halt.path("reason").asText())
        .as(halt.toString())
        .contains("gradient norm")
        .contains("above the guard 100.0");
    assertThat(halt.path("observed").path("grad_norm").asDouble()).isGreaterThan(100.0);
    assertThat(ended.path("statusReason").asText()).isEqualTo(halt.path("reason").asText());
    // the result is a checkpoint from before the runaway step, never the one that tripped
    assertThat(halt.path("observed").path("result_step").asInt())
        .isLessThan(halt.path("step").asInt());
    assertThat(ended.path("result").path("sha256").asText())
        .isEqualTo(halt.path("resultSha256").asText());
  }

  @Test
  @Order(3)
  void everyEventDeliveredAgainHasNoSecondEffectAndPoisonIsDeadLetteredOnEveryTopic()
      throws Exception {
    // a controlled job, so that every topic carries events of a finished job
    String halted = api.submit(e2e.gradientAscent(ControlledUnlearningEndToEndTest.MU, "HALT"));
    assertThat(e2e.awaitEnd(halted, Duration.ofMinutes(10)).path("status").asText())
        .isEqualTo("HALTED");
    String bootstrap = stack.endpoints().kafkaBootstrapServers();
    awaitConsumersCaughtUp(bootstrap);
    Map<String, List<String>> before = everyJobsState();
    double stepsBefore = metric(LetheService.TRAINER, "lethe_trainer_step_seconds_count", "");
    Map<String, Double> deadBefore = deadLettered();

    // every event of every topic once more, then two kinds of poison on every consumed topic
    List<ConsumerRecord<String, String>> history = new ArrayList<>();
    for (String topic : TOPICS) {
      history.addAll(TopicRecords.read(bootstrap, topic));
    }
    TopicRecords.publish(bootstrap, history);
    List<ConsumerRecord<String, String>> poison = new ArrayList<>();
    for (String topic : CONSUMED.keySet()) {
      poison.add(record(topic, "{\"eventId\": \"not a uuid\", truncated"));
      poison.add(record(topic, "{\"schemaVersion\": 1, \"jobId\": \"" + halted + "\"}"));
    }
    TopicRecords.publish(bootstrap, poison);
    awaitConsumersCaughtUp(bootstrap);

    // no second effect: every job, its decisions, checkpoints and evaluations are as they were,
    // and the trainer took no optimizer step
    assertThat(everyJobsState()).isEqualTo(before);
    assertThat(metric(LetheService.TRAINER, "lethe_trainer_step_seconds_count", ""))
        .isEqualTo(stepsBefore);
    // each consumer dead-lettered both poison records of each of its topics, byte for byte
    Map<String, Double> deadAfter = deadLettered();
    CONSUMED.forEach(
        (topic, services) ->
            services.forEach(
                s -> {
                  String key = s.moduleName() + " " + topic;
                  assertThat(deadAfter.get(key) - deadBefore.getOrDefault(key, 0.0))
                      .as("dead-lettered by " + key)
                      .isEqualTo(2.0);
                }));
    for (String topic : CONSUMED.keySet()) {
      assertThat(
              TopicRecords.read(bootstrap, Topics.deadLetter(topic)).stream().map(r -> r.value()))
          .as(Topics.deadLetter(topic))
          .contains(
              poison.stream()
                  .filter(p -> p.topic().equals(topic))
                  .map(p -> p.value())
                  .toArray(String[]::new));
    }
    // and every consumer goes on: a new job runs through all of them to its end
    String after = api.submit(e2e.gradientAscent(ControlledUnlearningEndToEndTest.MU, "HALT"));
    assertThat(e2e.awaitEnd(after, Duration.ofMinutes(10)).path("status").asText())
        .isEqualTo("HALTED");
  }

  /** Per job: status, result, decisions, checkpoints and evaluations as the API shows them. */
  static Map<String, List<String>> everyJobsState() {
    Map<String, List<String>> state = new LinkedHashMap<>();
    for (JsonNode job : api.jobs()) {
      String id = job.path("id").asText();
      JsonNode now = api.job(id);
      List<String> facts = new ArrayList<>();
      facts.add(now.path("status").asText() + " " + now.path("currentStep").asText());
      facts.add("result " + now.path("result").path("sha256").asText());
      api.decisions(id)
          .forEach(
              d ->
                  facts.add(
                      "decision "
                          + d.path("step")
                          + " "
                          + d.path("decision").asText()
                          + " "
                          + d.path("mixAlpha")
                          + " "
                          + d.path("at").asText()));
      api.checkpoints(id)
          .forEach(
              c ->
                  facts.add(
                      "checkpoint "
                          + c.path("segment")
                          + " "
                          + c.path("sha256").asText()
                          + " "
                          + c.path("at").asText()));
      api.evaluations(id)
          .forEach(
              e ->
                  facts.add(
                      "evaluation "
                          + e.path("step")
                          + " "
                          + e.path("kind").asText()
                          + " "
                          + e.path("mixAlpha")
                          + " "
                          + e.path("at").asText()));
      state.put(id, facts);
    }
    return state;
  }

  /**
   * Waits until every consumer group of the stack has committed the end of every partition it
   * reads, twice in a row (a record still in a handler is not committed yet).
   */
  static void awaitConsumersCaughtUp(String bootstrap) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(props)) {
      int[] quietPolls = {0};
      Awaitility.await()
          .atMost(Duration.ofMinutes(10))
          .pollInterval(Duration.ofSeconds(2))
          .until(
              () -> {
                quietPolls[0] = lag(admin) == 0 ? quietPolls[0] + 1 : 0;
                return quietPolls[0] >= 2;
              });
    }
  }

  static long lag(Admin admin) throws Exception {
    long lag = 0;
    for (ConsumerGroupListing group : admin.listConsumerGroups().all().get()) {
      if (!group.groupId().startsWith("lethe-")) {
        continue;
      }
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata().get();
      Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
      committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
      var ends = admin.listOffsets(latest).all().get();
      for (var e : committed.entrySet()) {
        lag += ends.get(e.getKey()).offset() - (e.getValue() == null ? 0 : e.getValue().offset());
      }
    }
    return lag;
  }

  /** Dead-lettered records per "service topic", from each service's /q/metrics. */
  static Map<String, Double> deadLettered() throws Exception {
    Map<String, Double> counts = new LinkedHashMap<>();
    for (LetheService s : LetheService.values()) {
      for (String line : metricsText(s).lines().toList()) {
        if (line.startsWith("lethe_events_consumed_total{")
            && line.contains("outcome=\"dead_lettered\"")) {
          String topic = line.replaceAll(".*topic=\"([^\"]+)\".*", "$1");
          counts.merge(s.moduleName() + " " + topic, value(line), Double::sum);
        }
      }
    }
    return counts;
  }

  static double metric(LetheService service, String name, String contains) throws Exception {
    return metricsText(service)
        .lines()
        .filter(l -> l.startsWith(name) && l.contains(contains))
        .mapToDouble(HostileInputEndToEndTest::value)
        .sum();
  }

  static String metricsText(LetheService service) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(stack.endpoints().metricsUrl(service)).build(),
                HttpResponse.BodyHandlers.ofString());
    return response.body();
  }

  static double value(String metricLine) {
    return Double.parseDouble(metricLine.substring(metricLine.lastIndexOf(' ') + 1));
  }

  static ConsumerRecord<String, String> record(String topic, String value) {
    return new ConsumerRecord<>(topic, 0, 0L, "poison", value);
  }

  static JsonNode last(JsonNode array) {
    return array.get(array.size() - 1);
  }

  static void copyDirectory(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.toList()) {
        if (Files.isRegularFile(f)) {
          Files.copy(f, to.resolve(f.getFileName()));
        }
      }
    }
  }
}
