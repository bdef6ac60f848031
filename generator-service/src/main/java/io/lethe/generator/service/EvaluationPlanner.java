package io.lethe.generator.service;

import io.lethe.data.EvalSet;
import io.lethe.generator.EvalSetNames;
import io.lethe.generator.GenerationTask;
import io.lethe.generator.ModelRole;
import io.lethe.schemas.domain.EvaluationKind;
import io.lethe.schemas.domain.EvaluationPlan;
import io.lethe.schemas.events.CheckpointEvent;
import io.lethe.schemas.json.MalformedEventException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits the evaluation a checkpoint event asks for into shard tasks.
 *
 * <ul>
 *   <li>Items: the first {@code min(maxItemsPerSet, |set|)} rows of each set, as TOFU's {@code
 *       ds_size} takes the first 300 (methods.md §3.3). A PROBE takes only the first {@code
 *       min(probeItemsPerSet, maxItemsPerSet, |set|)} rows: cheap, teacher-forced only, and always
 *       the same rows, so successive probes of a job are comparable.
 *   <li>Shards: consecutive runs of {@code shardSize} items; {@code shardCount = ⌈n / shardSize⌉}.
 *   <li>Retain model: when the plan names one, it runs on the forget set only (forget quality
 *       compares its forget-set truth ratios, methods.md §3.4), with the candidate's shard
 *       boundaries.
 *   <li>{@code totalShards} counts every shard of the evaluation, candidate and retain, so the
 *       evaluator knows when it has all of them.
 * </ul>
 *
 * A set without rows gets no shard (a shard count of zero cannot be expressed on the wire).
 */
public final class EvaluationPlanner {

  private final int probeItemsPerSet;

  /** A planner whose probes take the first {@code probeItemsPerSet} items of each set. */
  public EvaluationPlanner(int probeItemsPerSet) {
    if (probeItemsPerSet < 1) {
      throw new IllegalArgumentException("probeItemsPerSet must be ≥ 1");
    }
    this.probeItemsPerSet = probeItemsPerSet;
  }

  /**
   * A model of the evaluation, verified.
   *
   * @param uri its checkpoint directory URI
   * @param sha256 the verified SHA-256 of its weights
   */
  public record VerifiedModel(String uri, String sha256) {}

  /**
   * The shard tasks of {@code checkpoint}'s evaluation; empty when its plan is absent or {@code
   * NONE}.
   *
   * @param checkpoint the checkpoint event (its {@code uri}/{@code sha256} are the candidate)
   * @param retainModel the plan's retain model, verified, or {@code null} if the plan names none
   * @param setSizes rows of each evaluation set of the job's data, by wire name
   * @param at timestamp of the tasks
   * @throws MalformedEventException if the plan cannot be carried out (no or unknown sets,
   *     non-positive sizes)
   */
  public List<GenerationTask> plan(
      CheckpointEvent checkpoint,
      VerifiedModel retainModel,
      Map<String, Integer> setSizes,
      Instant at) {
    EvaluationPlan plan = checkpoint.evaluation();
    if (plan == null || plan.kind() == null || plan.kind() == EvaluationKind.NONE) {
      return List.of();
    }
    Set<EvalSet> sets = validate(plan);
    int itemCap =
        plan.kind() == EvaluationKind.PROBE
            ? Math.min(probeItemsPerSet, plan.maxItemsPerSet())
            : plan.maxItemsPerSet();

    List<Part> parts = new ArrayList<>();
    for (EvalSet set : sets) {
      String name = EvalSetNames.wireName(set);
      int items = Math.min(itemCap, setSizes.getOrDefault(name, 0));
      if (items > 0) {
        parts.add(
            new Part(
                ModelRole.CANDIDATE,
                checkpoint.uri(),
                checkpoint.sha256(),
                name,
                items,
                plan.shardSize()));
      }
    }
    if (retainModel != null) {
      String forget = EvalSetNames.wireName(EvalSet.FORGET);
      Part candidateForget =
          parts.stream().filter(p -> p.evalSet.equals(forget)).findFirst().orElse(null);
      if (candidateForget != null) {
        parts.add(
            new Part(
                ModelRole.RETAIN,
                retainModel.uri(),
                retainModel.sha256(),
                forget,
                candidateForget.items,
                plan.shardSize()));
      }
    }
    int totalShards = parts.stream().mapToInt(Part::shardCount).sum();

    List<GenerationTask> tasks = new ArrayList<>(totalShards);
    for (Part part : parts) {
      for (int shard = 0; shard < part.shardCount(); shard++) {
        int first = shard * part.shardSize;
        tasks.add(
            new GenerationTask(
                GenerationTask.idOf(
                    checkpoint.eventId(), part.role.wireName(), part.evalSet, shard),
                GenerationTask.SCHEMA_VERSION,
                checkpoint.jobId(),
                at,
                checkpoint.step(),
                checkpoint.eventId(),
                checkpoint.sha256(),
                part.role.wireName(),
                part.modelUri,
                part.modelSha256,
                plan.kind(),
                checkpoint.dataset(),
                part.evalSet,
                shard,
                part.shardCount(),
                totalShards,
                first,
                Math.min(part.shardSize, part.items - first)));
      }
    }
    return tasks;
  }

  private static Set<EvalSet> validate(EvaluationPlan plan) {
    if (plan.evalSets() == null || plan.evalSets().isEmpty()) {
      throw new MalformedEventException("evaluation plan " + plan.kind() + " names no eval sets");
    }
    if (plan.maxItemsPerSet() < 1) {
      throw new MalformedEventException(
          "evaluation plan: maxItemsPerSet must be ≥ 1, got " + plan.maxItemsPerSet());
    }
    if (plan.shardSize() < 1) {
      throw new MalformedEventException(
          "evaluation plan: shardSize must be ≥ 1, got " + plan.shardSize());
    }
    Set<EvalSet> sets = new LinkedHashSet<>();
    for (String name : plan.evalSets()) {
      sets.add(
          EvalSetNames.fromWire(name)
              .orElseThrow(
                  () ->
                      new MalformedEventException(
                          "evaluation plan: unknown eval set "
                              + name
                              + " (forget, retain, real_authors, world_facts)")));
    }
    return sets;
  }

  /** The items of one (model, set) and how they are sharded. */
  private record Part(
      ModelRole role,
      String modelUri,
      String modelSha256,
      String evalSet,
      int items,
      int shardSize) {

    int shardCount() {
      return (items + shardSize - 1) / shardSize;
    }
  }
}
