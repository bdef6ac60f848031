package io.lethe.generator.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.generator.GenerationTask;
import io.lethe.generator.service.EvaluationPlanner.VerifiedModel;
import io.lethe.schemas.EventSamples;
import io.lethe.schemas.domain.EvaluationKind;
import io.lethe.schemas.domain.EvaluationPlan;
import io.lethe.schemas.domain.ModelRef;
import io.lethe.schemas.events.CheckpointEvent;
import io.lethe.schemas.json.MalformedEventException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Shard counts, item ranges, probe subsets and retain-model shards of evaluation plans. */
class EvaluationPlannerTest {

  static final Instant AT = Instant.parse("2026-11-22T10:00:00Z");
  static final List<String> ALL_SETS = List.of("forget", "retain", "real_authors", "world_facts");
  static final Map<String, Integer> SIZES =
      Map.of("forget", 5, "retain", 7, "real_authors", 3, "world_facts", 0);
  static final VerifiedModel RETAIN =
      new VerifiedModel("file:///ckpt/retain/step-60", "cd".repeat(32));

  final EvaluationPlanner planner = new EvaluationPlanner(4);

  static CheckpointEvent checkpoint(EvaluationPlan plan) {
    CheckpointEvent s = EventSamples.checkpoint();
    return new CheckpointEvent(
        s.eventId(),
        s.schemaVersion(),
        s.jobId(),
        s.occurredAt(),
        s.step(),
        s.segment(),
        s.kind(),
        s.uri(),
        s.sha256(),
        s.parentSha256(),
        s.lossTerms(),
        s.gradNorm(),
        s.tokens(),
        s.seconds(),
        s.mixAlpha(),
        s.dataset(),
        plan,
        s.plannedSteps());
  }

  static EvaluationPlan plan(EvaluationKind kind, List<String> sets, int maxItems, int shardSize) {
    return new EvaluationPlan(
        kind, sets, maxItems, shardSize, ModelRef.checkpoint(RETAIN.uri(), RETAIN.sha256()));
  }

  /** "model/set" → item ranges "[first,+count)" of its shards, in shard order. */
  static Map<String, List<String>> ranges(List<GenerationTask> tasks) {
    return tasks.stream()
        .collect(
            Collectors.groupingBy(
                t -> t.model() + "/" + t.evalSet(),
                Collectors.mapping(
                    t -> t.shard() + ":[" + t.firstItem() + ",+" + t.itemCount() + ")",
                    Collectors.toList())));
  }

  @Test
  void fullPlanShardsTheFirstMaxItemsOfEverySetAndTheRetainModelOnForget() {
    List<GenerationTask> tasks =
        planner.plan(checkpoint(plan(EvaluationKind.FULL, ALL_SETS, 6, 2)), RETAIN, SIZES, AT);

    // forget 5 → 3 shards, retain min(6,7)=6 → 3, real_authors 3 → 2, world_facts empty → none,
    // retain model on forget → 3: 11 in all
    assertThat(ranges(tasks))
        .containsOnly(
            Map.entry("candidate/forget", List.of("0:[0,+2)", "1:[2,+2)", "2:[4,+1)")),
            Map.entry("candidate/retain", List.of("0:[0,+2)", "1:[2,+2)", "2:[4,+2)")),
            Map.entry("candidate/real_authors", List.of("0:[0,+2)", "1:[2,+1)")),
            Map.entry("retain/forget", List.of("0:[0,+2)", "1:[2,+2)", "2:[4,+1)")));
    assertThat(tasks).hasSize(11).allMatch(t -> t.totalShards() == 11);
    assertThat(tasks)
        .filteredOn(t -> t.evalSet().equals("forget") || t.evalSet().equals("retain"))
        .allMatch(t -> t.shardCount() == 3);
    assertThat(tasks).allMatch(t -> t.kind() == EvaluationKind.FULL);
  }

  @Test
  void retainShardsRunTheRetainWeightsButBelongToTheCandidatesEvaluation() {
    CheckpointEvent checkpoint = checkpoint(plan(EvaluationKind.FULL, ALL_SETS, 6, 2));
    List<GenerationTask> tasks = planner.plan(checkpoint, RETAIN, SIZES, AT);

    assertThat(tasks).allMatch(t -> t.checkpointSha256().equals(checkpoint.sha256()));
    assertThat(tasks)
        .filteredOn(t -> t.model().equals("retain"))
        .isNotEmpty()
        .allMatch(
            t -> t.modelUri().equals(RETAIN.uri()) && t.modelSha256().equals(RETAIN.sha256()));
    assertThat(tasks)
        .filteredOn(t -> t.model().equals("candidate"))
        .allMatch(
            t ->
                t.modelUri().equals(checkpoint.uri())
                    && t.modelSha256().equals(checkpoint.sha256()));
    assertThat(tasks)
        .allMatch(
            t ->
                t.jobId().equals(checkpoint.jobId())
                    && t.step() == checkpoint.step()
                    && t.dataset().equals(checkpoint.dataset())
                    && t.checkpointEventId().equals(checkpoint.eventId()));
  }

  @Test
  void probeTakesOnlyTheFirstProbeItemsOfEachSet() {
    List<GenerationTask> tasks =
        planner.plan(checkpoint(plan(EvaluationKind.PROBE, ALL_SETS, 300, 3)), null, SIZES, AT);

    // probe size 4: forget min(4,5)=4 → 2 shards, retain 4 → 2, real_authors 3 → 1
    assertThat(ranges(tasks))
        .containsOnly(
            Map.entry("candidate/forget", List.of("0:[0,+3)", "1:[3,+1)")),
            Map.entry("candidate/retain", List.of("0:[0,+3)", "1:[3,+1)")),
            Map.entry("candidate/real_authors", List.of("0:[0,+3)")));
    assertThat(tasks).allMatch(t -> t.totalShards() == 5 && t.kind() == EvaluationKind.PROBE);
  }

  @Test
  void probeNeverExceedsThePlansItemCap() {
    List<GenerationTask> tasks =
        planner.plan(
            checkpoint(plan(EvaluationKind.PROBE, List.of("retain"), 2, 25)), null, SIZES, AT);

    assertThat(ranges(tasks)).containsOnly(Map.entry("candidate/retain", List.of("0:[0,+2)")));
  }

  @Test
  void noRetainShardsWithoutRetainModelOrForgetSet() {
    EvaluationPlan full = plan(EvaluationKind.FULL, ALL_SETS, 6, 2);
    assertThat(planner.plan(checkpoint(full), null, SIZES, AT))
        .hasSize(8)
        .noneMatch(t -> t.model().equals("retain"))
        .allMatch(t -> t.totalShards() == 8);

    EvaluationPlan utilityOnly = plan(EvaluationKind.FULL, List.of("retain"), 6, 2);
    assertThat(planner.plan(checkpoint(utilityOnly), RETAIN, SIZES, AT))
        .hasSize(3)
        .allMatch(t -> t.model().equals("candidate") && t.totalShards() == 3);
  }

  @Test
  void noTasksWhenNothingIsToBeEvaluated() {
    assertThat(planner.plan(checkpoint(null), RETAIN, SIZES, AT)).isEmpty();
    assertThat(
            planner.plan(checkpoint(plan(EvaluationKind.NONE, ALL_SETS, 6, 2)), RETAIN, SIZES, AT))
        .isEmpty();
  }

  @Test
  void replanningGivesTheSameDistinctTaskIds() {
    CheckpointEvent checkpoint = checkpoint(plan(EvaluationKind.FULL, ALL_SETS, 6, 2));
    List<GenerationTask> first = planner.plan(checkpoint, RETAIN, SIZES, AT);
    List<GenerationTask> again = planner.plan(checkpoint, RETAIN, SIZES, AT.plusSeconds(60));

    assertThat(again.stream().map(GenerationTask::eventId))
        .containsExactlyElementsOf(first.stream().map(GenerationTask::eventId).toList());
    assertThat(first.stream().map(GenerationTask::eventId).distinct()).hasSize(first.size());
    assertThat(first.stream().map(GenerationTask::partitionKey).distinct()).hasSize(first.size());
    assertThat(first.stream().map(GenerationTask::generationEventId).distinct())
        .hasSize(first.size());
  }

  @Test
  void impossiblePlansArePoison() {
    assertThatThrownBy(
            () ->
                planner.plan(
                    checkpoint(plan(EvaluationKind.FULL, List.of("forget", "holdout"), 6, 2)),
                    null,
                    SIZES,
                    AT))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("holdout");
    assertThatThrownBy(
            () ->
                planner.plan(
                    checkpoint(plan(EvaluationKind.FULL, ALL_SETS, 6, 0)), null, SIZES, AT))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("shardSize");
    assertThatThrownBy(
            () ->
                planner.plan(
                    checkpoint(plan(EvaluationKind.FULL, ALL_SETS, 0, 2)), null, SIZES, AT))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("maxItemsPerSet");
    assertThatThrownBy(
            () ->
                planner.plan(
                    checkpoint(plan(EvaluationKind.PROBE, List.of(), 6, 2)), null, SIZES, AT))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("no eval sets");
  }
}
