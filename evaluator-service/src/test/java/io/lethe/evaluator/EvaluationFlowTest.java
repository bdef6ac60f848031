package io.lethe.evaluator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.lethe.evaluator.inference.UnconfiguredNliClassifier;
import io.lethe.infra.test.InjectKafkaCompanion;
import io.lethe.infra.test.LetheInfraTestResource;
import io.lethe.infra.test.PrometheusScrape;
import io.lethe.schemas.Topics;
import io.lethe.schemas.domain.EvaluationKind;
import io.lethe.schemas.domain.MetricResult;
import io.lethe.schemas.events.EvaluationEvent;
import io.lethe.schemas.events.GenerationEvent;
import io.lethe.schemas.json.LetheJson;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The evaluator end to end on a real broker: shards on {@code generations} (out of order,
 * duplicated) become exactly one event on {@code evaluations}, and the shards are committed only
 * after it is published.
 */
@QuarkusTest
@WithTestResource(value = LetheInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class EvaluationFlowTest {

  static final Duration TIMEOUT = Duration.ofSeconds(60);
  static final String SHA = "5e".repeat(32);

  @InjectKafkaCompanion KafkaCompanion companion;

  @TestHTTPResource("/q/metrics")
  URL metrics;

  ConsumerTask<String, String> evaluations;

  @BeforeEach
  void readEvaluations() {
    evaluations = companion.consumeStrings().fromTopics(Topics.EVALUATIONS);
  }

  @AfterEach
  void stopReading() {
    evaluations.stop();
  }

  @Test
  void shardsOutOfOrderWithADuplicateBecomeExactlyOneEvaluation() {
    String job = UUID.randomUUID().toString();
    List<GenerationEvent> shards =
        HandComputedEvaluation.shards(job, 0, SHA, EvaluationKind.FULL, true);
    double processedBefore = processed();

    for (int i : new int[] {5, 2, 0, 2, 4, 1, 3}) {
      send(shards.get(i));
    }

    EvaluationEvent event = awaitEvaluationOf(job);
    assertThat(event.eventId())
        .isEqualTo(new EvaluationKey(job, 0, SHA, EvaluationKind.FULL).eventId());
    assertThat(event.step()).isZero();
    assertThat(event.kind()).isEqualTo(EvaluationKind.FULL);
    assertThat(event.environment().modelSha256()).isEqualTo(SHA);
    assertThat(event.environment().engine()).isEqualTo("PyTorch");
    Map<String, MetricResult> m = event.metrics();
    assertThat(m.get("tofu.model_utility@1").value())
        .isCloseTo(HandComputedEvaluation.TOFU_MODEL_UTILITY, within(1e-12));
    assertThat(m.get("tofu.probability@1/real_authors").value())
        .isCloseTo(HandComputedEvaluation.REAL_AUTHORS_PROBABILITY, within(1e-12));
    assertThat(m.get("tofu.truth_ratio@1/forget").value())
        .isCloseTo(HandComputedEvaluation.FORGET_TRUTH_RATIO, within(1e-12));
    assertThat(m.get("tofu.forget_quality@1").value())
        .isCloseTo(HandComputedEvaluation.FORGET_QUALITY, within(1e-12));
    assertThat(m.get("cl.entailment@1/retain"))
        .isEqualTo(MetricResult.notComputed(UnconfiguredNliClassifier.REASON));
    assertThat(m.get("cl.model_utility@1").computed()).isFalse();
    assertThat(m.get("cl.model_utility@1").reason()).contains("Entailment Score");
    // step 0 is the pre-unlearning model: its real-author answers are their own reference
    assertThat(m.get("cl.cosine_similarity@1/real_authors").value()).isCloseTo(1.0, within(1e-5));
    // the real MiniLM model: the retain set has one exact and one unrelated answer
    assertThat(m.get("cl.cosine_similarity@1/retain").value()).isBetween(0.5, 0.9);
    assertThat(m.get("lethe.refusal_rate@1/forget").value()).isEqualTo(0.5);
    assertThat(event.perSample().get("tofu.rougeL_recall@1/retain")).containsExactly(1.0, 0.0);
    assertThat(event.perSample().get("tofu.truth_ratio@1/forget")).hasSize(2);
    await().atMost(TIMEOUT).until(() -> processed() >= processedBefore + 7);

    // a late redelivery of a shard is acked without a second evaluation or a new assembly
    send(shards.get(1));
    await().atMost(TIMEOUT).until(() -> processed() >= processedBefore + 8);
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(10))
        .until(() -> evaluationsOf(job).size() == 1);
    assertThat(unlabelled("lethe_evaluation_assemblies_incomplete")).isZero();
    assertThat(scrape("lethe_evaluations_published_total", Map.of("kind", "full")))
        .isGreaterThanOrEqualTo(1);
    assertThat(unlabelled("lethe_evaluation_assembly_seconds_count")).isGreaterThanOrEqualTo(1);
    assertThat(unlabelled("lethe_evaluation_compute_seconds_count")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void aProbePublishesOnlyTeacherForcedMetricsAndItsShardsAreCommittedOnlyAfterwards() {
    String job = UUID.randomUUID().toString();
    List<GenerationEvent> shards =
        HandComputedEvaluation.shards(job, 4, SHA, EvaluationKind.PROBE, true);
    double processedBefore = processed();

    RecordMetadata first = send(shards.get(0));
    for (int i = 1; i < shards.size() - 1; i++) {
      send(shards.get(i));
    }
    await().atMost(TIMEOUT).until(() -> processed() >= processedBefore + shards.size() - 1);
    TopicPartition partition = new TopicPartition(first.topic(), first.partition());
    // held acks: the group's committed offset never passes the first shard of the open evaluation
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(10))
        .until(() -> committed(partition) <= first.offset());
    assertThat(evaluationsOf(job)).isEmpty();

    RecordMetadata last = send(shards.get(shards.size() - 1));
    EvaluationEvent event = awaitEvaluationOf(job);
    await().atMost(TIMEOUT).until(() -> committed(partition) > last.offset());

    Set<String> expected = new TreeSet<>();
    for (String set : List.of("forget", "retain", "real_authors", "world_facts")) {
      expected.add("tofu.probability@1/" + set);
      expected.add("tofu.truth_ratio@1/" + set);
      expected.add("uwc.extraction_strength@1/" + set);
      expected.add("uwc.exact_memorization@1/" + set);
      expected.add("lethe.predictive_entropy@1/" + set);
    }
    expected.add("cl.forget_truth_ratio@1/forget");
    expected.add("tofu.forget_quality@1");
    expected.add("tofu.forget_ks_statistic@1");
    assertThat(event.metrics().keySet()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(event.kind()).isEqualTo(EvaluationKind.PROBE);
    assertThat(event.metrics().get("tofu.probability@1/retain").value())
        .isCloseTo(HandComputedEvaluation.RETAIN_PROBABILITY, within(1e-12));
  }

  private RecordMetadata send(GenerationEvent shard) {
    return companion
        .produceStrings()
        .fromRecords(
            new ProducerRecord<>(Topics.GENERATIONS, shard.jobId(), LetheJson.write(shard)))
        .awaitCompletion(TIMEOUT)
        .getFirstRecord();
  }

  private EvaluationEvent awaitEvaluationOf(String job) {
    await().atMost(TIMEOUT).until(() -> !evaluationsOf(job).isEmpty());
    return evaluationsOf(job).get(0);
  }

  private List<EvaluationEvent> evaluationsOf(String job) {
    return evaluations.getRecords().stream()
        .filter(r -> job.equals(r.key()))
        .map(r -> LetheJson.read(r.value(), EvaluationEvent.class))
        .toList();
  }

  private long committed(TopicPartition partition) {
    OffsetAndMetadata offset = companion.consumerGroups().offsets("lethe-evaluator", partition);
    return offset == null ? -1 : offset.offset();
  }

  private double processed() {
    return scrape(
        "lethe_events_consumed_total", Map.of("topic", Topics.GENERATIONS, "outcome", "processed"));
  }

  /** The value of a series without labels; fails if the series is not exposed at all. */
  private double unlabelled(String name) {
    String body = given().when().get(metrics).then().statusCode(200).extract().asString();
    Matcher line =
        Pattern.compile("^" + Pattern.quote(name) + "(?:\\{\\})? ([0-9.eE+-]+)$", Pattern.MULTILINE)
            .matcher(body);
    assertThat(line.find()).as(name + " exposed on /q/metrics").isTrue();
    return Double.parseDouble(line.group(1));
  }

  private double scrape(String name, Map<String, String> labels) {
    return PrometheusScrape.value(metrics.toString(), name, labels);
  }
}
