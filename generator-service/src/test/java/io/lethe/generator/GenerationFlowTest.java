package io.lethe.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.data.EvalSet;
import io.lethe.data.UnlearningBenchmark;
import io.lethe.generator.config.GeneratorConfig;
import io.lethe.generator.service.EvaluationDatasets;
import io.lethe.infra.test.InjectKafkaCompanion;
import io.lethe.infra.test.LetheInfraTestResource;
import io.lethe.infra.test.PrometheusScrape;
import io.lethe.ml.checkpoint.Checkpoint;
import io.lethe.schemas.Topics;
import io.lethe.schemas.domain.AnswerScore;
import io.lethe.schemas.domain.DatasetRef;
import io.lethe.schemas.domain.EvaluationKind;
import io.lethe.schemas.domain.EvaluationPlan;
import io.lethe.schemas.domain.GenerationItem;
import io.lethe.schemas.events.CheckpointEvent;
import io.lethe.schemas.events.GenerationEvent;
import io.lethe.schemas.json.LetheJson;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The generator's side of the loop on a real broker with real micro checkpoints: a checkpoint event
 * becomes shard tasks, the tasks become generation shards — every shard once, with complete items —
 * and a checkpoint whose weights do not match its hash produces nothing but a dead letter.
 */
@QuarkusTest
@WithTestResource(value = LetheInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class GenerationFlowTest {

  static final List<String> ALL_SETS = List.of("forget", "retain", "real_authors", "world_facts");

  @InjectKafkaCompanion KafkaCompanion companion;

  @Inject GeneratorConfig config;

  @TestHTTPResource("/q/metrics")
  URL metrics;

  final UnlearningBenchmark benchmark = MicroCheckpoints.benchmark();

  void send(CheckpointEvent event) {
    TopicRecords.send(companion, Topics.CHECKPOINTS, event.jobId(), LetheJson.write(event));
  }

  /** The generation shards of (jobId, step), waiting until {@code expected} have arrived. */
  List<GenerationEvent> shardsOf(String jobId, int step, int expected) {
    return parse(
        TopicRecords.awaitMatching(
            companion,
            Topics.GENERATIONS,
            r -> jobId.equals(r.key()) && parse(List.of(r), jobId, step).size() == 1,
            expected),
        jobId,
        step);
  }

  static List<GenerationEvent> parse(
      List<ConsumerRecord<String, String>> records, String jobId, int step) {
    return records.stream()
        .filter(r -> jobId.equals(r.key()))
        .map(r -> LetheJson.read(r.value(), GenerationEvent.class))
        .filter(e -> e.step() == step)
        .toList();
  }

  double metric(String name, Map<String, String> labels) {
    return PrometheusScrape.value(metrics.toString(), name, labels);
  }

  /** Rows of a set the plan evaluates: the first min(cap, |set|). */
  int rows(EvalSet set, int cap) {
    return Math.min(cap, benchmark.evalSet(set).size());
  }

  @Test
  void fullEvaluationIsPublishedAsCompleteShardsOfCandidateAndRetainModel() {
    String jobId = "flow-full-" + UUID.randomUUID();
    Checkpoint candidate = MicroCheckpoints.save(config.checkpointRoot(), jobId, 1, 21L);
    Checkpoint retain = MicroCheckpoints.save(config.checkpointRoot(), jobId + "-retain", 60, 22L);
    int maxItems = 3;
    int shardSize = 2;
    EvaluationPlan plan =
        new EvaluationPlan(
            EvaluationKind.FULL, ALL_SETS, maxItems, shardSize, MicroCheckpoints.ref(retain));
    // the candidate's sets plus the retain model on the forget set
    Map<String, Integer> itemsByPart =
        Map.of(
            "candidate/forget", rows(EvalSet.FORGET, maxItems),
            "candidate/retain", rows(EvalSet.RETAIN, maxItems),
            "candidate/real_authors", rows(EvalSet.REAL_AUTHORS, maxItems),
            "candidate/world_facts", rows(EvalSet.WORLD_FACTS, maxItems),
            "retain/forget", rows(EvalSet.FORGET, maxItems));
    int totalShards =
        itemsByPart.values().stream().mapToInt(n -> (n + shardSize - 1) / shardSize).sum();
    assertThat(totalShards).as("the plan must need several shards").isGreaterThan(5);

    Map<String, String> generated = Map.of("phase", "generated");
    Map<String, String> forgetTimer = Map.of("kind", "full", "set", "forget");
    double tokensBefore = metric("lethe_generation_tokens_total", generated);
    double forgetShardsBefore = metric("lethe_generation_seconds_count", forgetTimer);

    send(MicroCheckpoints.event(jobId, 1, candidate, candidate.modelSha256(), plan));
    List<GenerationEvent> shards = shardsOf(jobId, 1, totalShards);

    assertThat(shards).hasSize(totalShards);
    assertThat(shards.stream().map(s -> s.model() + "/" + s.evalSet() + "#" + s.shard()).distinct())
        .as("every shard exactly once")
        .hasSize(totalShards);
    assertThat(shards)
        .allSatisfy(
            s -> {
              assertThat(s.totalShards()).isEqualTo(totalShards);
              assertThat(s.kind()).isEqualTo(EvaluationKind.FULL);
              assertThat(s.checkpointSha256()).isEqualTo(candidate.modelSha256());
              assertThat(s.environment().modelSha256())
                  .isEqualTo(
                      s.model().equals("retain") ? retain.modelSha256() : candidate.modelSha256());
              assertThat(s.environment().precision()).isEqualTo("fp32");
            });
    Map<String, List<GenerationEvent>> byPart =
        shards.stream().collect(Collectors.groupingBy(s -> s.model() + "/" + s.evalSet()));
    assertThat(byPart.keySet()).isEqualTo(itemsByPart.keySet());
    byPart.forEach(
        (part, partShards) -> {
          int items = itemsByPart.get(part);
          assertThat(partShards)
              .allMatch(s -> s.shardCount() == (items + shardSize - 1) / shardSize);
          assertThat(
                  partShards.stream().flatMap(s -> s.items().stream()).map(GenerationItem::index))
              .as("item indexes of %s", part)
              .containsExactlyInAnyOrderElementsOf(IntStream.range(0, items).boxed().toList());
        });
    for (GenerationEvent shard : shards) {
      boolean paraphraseSet = shard.evalSet().equals("forget") || shard.evalSet().equals("retain");
      for (GenerationItem item : shard.items()) {
        assertComplete(item.gold());
        assertThat(item.generated()).isNotNull();
        assertThat(item.generatedTokenIds()).isNotNull();
        assertThat(item.goldArgmaxMatches()).hasSize(item.gold().tokens() - 1);
        assertThat(item.meanPredictiveEntropy()).isFinite().isPositive();
        assertThat(item.perturbed()).isNotEmpty().allSatisfy(GenerationFlowTest::assertComplete);
        if (paraphraseSet) {
          assertComplete(item.paraphrased());
        } else {
          assertThat(item.paraphrased()).isNull();
        }
      }
    }
    // the meters count what was published: every generated token, every computed forget shard
    assertThat(metric("lethe_generation_tokens_total", generated) - tokensBefore)
        .isEqualTo(
            shards.stream()
                .flatMap(s -> s.items().stream())
                .mapToInt(i -> i.generatedTokenIds().size())
                .sum());
    assertThat(metric("lethe_generation_seconds_count", forgetTimer) - forgetShardsBefore)
        .isEqualTo(byPart.get("candidate/forget").size() + byPart.get("retain/forget").size());
    // different weights, same rows: the retain model's forget scores are its own
    assertThat(goldNlls(byPart.get("retain/forget")))
        .isNotEqualTo(goldNlls(byPart.get("candidate/forget")));
  }

  @Test
  void retainShardsArePublishedForEveryStepAndComputedOnce() {
    String jobId = "flow-retain-" + UUID.randomUUID();
    Checkpoint retain = MicroCheckpoints.save(config.checkpointRoot(), jobId + "-retain", 60, 39L);
    EvaluationPlan plan =
        new EvaluationPlan(
            EvaluationKind.FULL, List.of("forget"), 3, 2, MicroCheckpoints.ref(retain));
    int forgetShards = (rows(EvalSet.FORGET, 3) + 1) / 2;
    Map<String, String> cached = Map.of("kind", "full", "model", "retain", "source", "cached");
    double cachedBefore = metric("lethe_generation_shards_published_total", cached);

    List<List<Double>> retainNlls = new ArrayList<>();
    for (int step = 1; step <= 2; step++) {
      Checkpoint candidate =
          MicroCheckpoints.save(config.checkpointRoot(), jobId, step, 30L + step);
      send(MicroCheckpoints.event(jobId, step, candidate, candidate.modelSha256(), plan));
      List<GenerationEvent> shards = shardsOf(jobId, step, 2 * forgetShards);
      assertThat(shards)
          .hasSize(2 * forgetShards)
          .allMatch(s -> s.totalShards() == 2 * forgetShards);
      assertThat(shards).allMatch(s -> s.checkpointSha256().equals(candidate.modelSha256()));
      retainNlls.add(goldNlls(shards.stream().filter(s -> s.model().equals("retain")).toList()));
    }

    assertThat(retainNlls.get(1)).isEqualTo(retainNlls.get(0));
    assertThat(metric("lethe_generation_shards_published_total", cached) - cachedBefore)
        .as("step 2's retain shards come from the cache")
        .isEqualTo(forgetShards);
  }

  @Test
  void aContinualTaskIsEvaluatedOnItsOwnForgetRows() {
    String jobId = "flow-task-" + UUID.randomUUID();
    Checkpoint candidate = MicroCheckpoints.save(config.checkpointRoot(), jobId, 1, 51L);
    DatasetRef task2 = MicroCheckpoints.task(2);
    EvaluationPlan plan = new EvaluationPlan(EvaluationKind.FULL, List.of("forget"), 300, 10, null);

    send(MicroCheckpoints.event(jobId, 1, candidate, candidate.modelSha256(), plan, task2));
    List<GenerationEvent> shards = shardsOf(jobId, 1, 1);

    // 8 rows, forget10 = 1 row per task: task 2 forgets row 6, task 1 (the split) row 7
    assertThat(EvaluationDatasets.sourceOf(task2).load().name()).endsWith("/forget10/task2");
    assertThat(shards.stream().flatMap(s -> s.items().stream()).map(GenerationItem::question))
        .containsExactly(benchmark.training().get(6).question())
        .doesNotContain(benchmark.forget().get(0).question());
  }

  @Test
  void probeEvaluationScoresSmallSubsetsWithoutGenerating() {
    String jobId = "flow-probe-" + UUID.randomUUID();
    Checkpoint candidate = MicroCheckpoints.save(config.checkpointRoot(), jobId, 4, 41L);
    EvaluationPlan plan =
        new EvaluationPlan(EvaluationKind.PROBE, List.of("retain", "world_facts"), 300, 10, null);
    int probe = config.probeItemsPerSet();
    int totalShards =
        (rows(EvalSet.RETAIN, probe) + 9) / 10 + (rows(EvalSet.WORLD_FACTS, probe) + 9) / 10;

    send(MicroCheckpoints.event(jobId, 4, candidate, candidate.modelSha256(), plan));
    List<GenerationEvent> shards = shardsOf(jobId, 4, totalShards);

    assertThat(shards)
        .hasSize(totalShards)
        .allMatch(s -> s.kind() == EvaluationKind.PROBE && s.model().equals("candidate"));
    assertThat(shards.stream().mapToInt(s -> s.items().size()).sum())
        .isEqualTo(rows(EvalSet.RETAIN, probe) + rows(EvalSet.WORLD_FACTS, probe));
    assertThat(shards.stream().flatMap(s -> s.items().stream()))
        .allSatisfy(
            item -> {
              assertThat(item.generated()).isNull();
              assertThat(item.generatedTokenIds()).isNull();
              assertComplete(item.gold());
              assertThat(item.goldArgmaxMatches()).isNotEmpty();
            });
  }

  static void assertComplete(AnswerScore score) {
    assertThat(score).isNotNull();
    assertThat(score.nll()).isFinite().isPositive();
    assertThat(score.tokens()).isPositive();
  }

  static List<Double> goldNlls(List<GenerationEvent> shards) {
    return shards.stream()
        .flatMap(s -> s.items().stream())
        .sorted(Comparator.comparingInt(GenerationItem::index))
        .map(i -> i.gold().nll())
        .toList();
  }
}
