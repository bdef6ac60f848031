package io.lethe.orchestrator.service;

import io.lethe.schemas.domain.EvaluationKind;
import io.lethe.schemas.domain.EvaluationPlan;
import io.lethe.schemas.events.UnlearningStepCommand;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Turns a job into segment commands. Segment 0 covers no optimizer step: the trainer publishes the
 * starting model as the step-0 checkpoint, and its evaluation is the baseline every utility floor
 * is measured against (architecture.md).
 */
public final class JobPlanner {

  /** The evaluation sets of TOFU (methods.md §3.3). */
  public static final List<String> EVAL_SETS =
      List.of("forget", "retain", "real_authors", "world_facts");

  /** Items per set (TOFU's ds_size) and per generation shard. */
  static final int MAX_ITEMS_PER_SET = 300;

  static final int SHARD_SIZE = 25;

  private JobPlanner() {}

  /** The first command of a job: register and evaluate the starting model as step 0. */
  public static UnlearningStepCommand baseline(String jobId, JobSpec spec) {
    EvaluationKind evaluation =
        spec.kind() == io.lethe.schemas.domain.JobKind.UNLEARN
            ? EvaluationKind.FULL
            : EvaluationKind.NONE;
    return new UnlearningStepCommand(
        UUID.randomUUID(),
        UnlearningStepCommand.SCHEMA_VERSION,
        jobId,
        Instant.now(),
        0,
        0,
        0,
        spec.kind(),
        spec.method(),
        spec.hyperparameters(),
        spec.startModel(),
        null,
        spec.startModel(),
        spec.dataset(),
        null,
        new EvaluationPlan(
            evaluation, EVAL_SETS, MAX_ITEMS_PER_SET, SHARD_SIZE, spec.retainModel()),
        spec.seed());
  }
}
