package io.lethe.generator.service;

import io.lethe.data.EvalSet;
import io.lethe.data.UnlearningBenchmark;
import io.lethe.generator.EvalSetNames;
import io.lethe.generator.GenerationTask;
import io.lethe.generator.service.EvaluationPlanner.VerifiedModel;
import io.lethe.schemas.domain.EvaluationKind;
import io.lethe.schemas.domain.EvaluationPlan;
import io.lethe.schemas.domain.ModelRef;
import io.lethe.schemas.events.CheckpointEvent;
import io.lethe.schemas.json.MalformedEventException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a checkpoint event into the shard tasks of its evaluation, after checking that every model
 * of the evaluation may be evaluated: the candidate's weights must hash to the event's SHA-256 and
 * the retain model's to the plan's (or its lineage's). A rejected checkpoint yields no task at all
 * — not even the retain model's shards — so nothing of it ever reaches {@code generations}.
 */
@ApplicationScoped
public class ShardTaskPlanning {

  private final CheckpointLoader loader;
  private final EvaluationDatasets datasets;
  private final EvaluationPlanner planner;

  public ShardTaskPlanning(
      CheckpointLoader loader, EvaluationDatasets datasets, EvaluationPlanner planner) {
    this.loader = loader;
    this.datasets = datasets;
    this.planner = planner;
  }

  /**
   * The shard tasks of {@code checkpoint}'s evaluation (none when it asks for none).
   *
   * @throws CheckpointRejectedException if a model of the evaluation fails verification
   * @throws MalformedEventException if the plan or the data cannot be carried out
   */
  public List<GenerationTask> tasksFor(CheckpointEvent checkpoint) {
    EvaluationPlan plan = checkpoint.evaluation();
    if (plan == null || plan.kind() == null || plan.kind() == EvaluationKind.NONE) {
      return List.of();
    }
    loader.verify(checkpoint.uri(), checkpoint.sha256());
    VerifiedModel retain = null;
    ModelRef retainModel = plan.retainModel();
    if (retainModel != null) {
      if (retainModel.uri() == null) {
        throw new MalformedEventException(
            "evaluation plan: the retain model must be a stored checkpoint, got preset "
                + retainModel.preset());
      }
      retain =
          new VerifiedModel(
              retainModel.uri(), loader.verify(retainModel.uri(), retainModel.sha256()));
    }
    UnlearningBenchmark benchmark = datasets.load(checkpoint.dataset());
    Map<String, Integer> sizes = new LinkedHashMap<>();
    for (EvalSet set : EvalSet.values()) {
      sizes.put(EvalSetNames.wireName(set), benchmark.evalSet(set).size());
    }
    return planner.plan(checkpoint, retain, sizes, Instant.now());
  }
}
