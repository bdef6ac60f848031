package io.lethe.orchestrator.service;

import io.lethe.orchestrator.repository.JobEntity;
import io.lethe.schemas.domain.BreachAction;
import io.lethe.schemas.domain.ControlPolicy;
import io.lethe.schemas.domain.DatasetRef;
import io.lethe.schemas.domain.EvaluationKind;
import io.lethe.schemas.domain.EvaluationPlan;
import io.lethe.schemas.domain.Hyperparameters;
import io.lethe.schemas.domain.JobKind;
import io.lethe.schemas.domain.MixSpec;
import io.lethe.schemas.domain.ModelRef;
import io.lethe.schemas.events.UnlearningStepCommand;
import io.lethe.schemas.json.LetheJson;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Turns a job into segment commands.
 *
 * <p>Segment 0 covers no optimizer step: the trainer publishes the starting model as the step-0
 * checkpoint, and its evaluation is the baseline every utility floor is measured against
 * (architecture.md). Training segments then run {@link #segmentLength} steps each, so that every
 * evaluation the policy asks for (a probe every k steps, a full evaluation every m steps and at the
 * end) falls on a segment end.
 */
public final class JobPlanner {

  /** The evaluation sets of TOFU (methods.md §3.3). */
  public static final List<String> EVAL_SETS =
      List.of("forget", "retain", "real_authors", "world_facts");

  /** Items per set (TOFU's ds_size) and per generation shard. */
  public static final int MAX_ITEMS_PER_SET = 300;

  public static final int SHARD_SIZE = 25;

  /** FINETUNE jobs write this many checkpoints over their schedule (resume points). */
  static final int FINETUNE_CHECKPOINTS = 4;

  private JobPlanner() {}

  /**
   * The first command of a job: register (and, for UNLEARN, evaluate) the starting model as step 0.
   */
  public static UnlearningStepCommand baseline(JobEntity job) {
    EvaluationKind evaluation =
        job.kind == JobKind.UNLEARN ? EvaluationKind.FULL : EvaluationKind.NONE;
    ModelRef start = LetheJson.read(job.startModelJson, ModelRef.class);
    return new UnlearningStepCommand(
        UUID.randomUUID(),
        UnlearningStepCommand.SCHEMA_VERSION,
        job.id.toString(),
        Instant.now(),
        0,
        0,
        0,
        job.kind,
        job.method,
        LetheJson.read(job.hyperparametersJson, Hyperparameters.class),
        start,
        null,
        reference(job),
        LetheJson.read(job.datasetJson, DatasetRef.class),
        null,
        plan(job, evaluation),
        job.seed);
  }

  /**
   * The next training segment after the checkpoint at {@code job.commandedToStep}.
   *
   * @param resumeFrom the checkpoint the segment starts from
   */
  public static UnlearningStepCommand nextSegment(JobEntity job, ModelRef resumeFrom) {
    int planned = job.plannedSteps;
    int from = job.commandedToStep;
    int to = Math.min(planned, from + segmentLength(job));
    ModelRef start = LetheJson.read(job.startModelJson, ModelRef.class);
    return new UnlearningStepCommand(
        UUID.randomUUID(),
        UnlearningStepCommand.SCHEMA_VERSION,
        job.id.toString(),
        Instant.now(),
        job.nextSegment,
        from,
        to,
        job.kind,
        job.method,
        LetheJson.read(job.hyperparametersJson, Hyperparameters.class),
        start,
        resumeFrom,
        reference(job),
        LetheJson.read(job.datasetJson, DatasetRef.class),
        null,
        plan(job, evaluationAt(job, to)),
        job.seed);
  }

  /** A MIX command: θ = (1 − α)·θ_base + α·θ_other, evaluated in full, at the breaching step. */
  public static UnlearningStepCommand mix(
      JobEntity job, int step, ModelRef base, ModelRef other, double alpha) {
    return new UnlearningStepCommand(
        UUID.randomUUID(),
        UnlearningStepCommand.SCHEMA_VERSION,
        job.id.toString(),
        Instant.now(),
        job.nextSegment,
        step,
        step,
        JobKind.MIX,
        job.method,
        LetheJson.read(job.hyperparametersJson, Hyperparameters.class),
        base,
        null,
        null,
        LetheJson.read(job.datasetJson, DatasetRef.class),
        new MixSpec(base, other, alpha),
        plan(job, EvaluationKind.FULL),
        job.seed);
  }

  /** Optimizer steps per training segment. */
  public static int segmentLength(JobEntity job) {
    if (job.kind == JobKind.FINETUNE) {
      return Math.max(1, (job.plannedSteps + FINETUNE_CHECKPOINTS - 1) / FINETUNE_CHECKPOINTS);
    }
    ControlPolicy policy = policy(job);
    if (policy.probeEvery() > 0) {
      return policy.probeEvery();
    }
    return policy.fullEvery() > 0 ? policy.fullEvery() : Math.max(1, job.plannedSteps);
  }

  /**
   * What evaluation the checkpoint at {@code step} gets: full every m steps and at the end, else a
   * probe.
   */
  static EvaluationKind evaluationAt(JobEntity job, int step) {
    if (job.kind == JobKind.FINETUNE) {
      return EvaluationKind.NONE;
    }
    ControlPolicy policy = policy(job);
    if (step >= job.plannedSteps || (policy.fullEvery() > 0 && step % policy.fullEvery() == 0)) {
      return EvaluationKind.FULL;
    }
    if (policy.probeEvery() > 0 && step % policy.probeEvery() == 0) {
      return EvaluationKind.PROBE;
    }
    return EvaluationKind.NONE;
  }

  /**
   * The job's control policy. FINETUNE jobs have none: they get one without floors, so only
   * failures and the budget end them.
   */
  public static ControlPolicy policy(JobEntity job) {
    if (job.policyJson == null) {
      return new ControlPolicy(
          List.of(), 0, 0, null, BreachAction.HALT, 0.05, 1, Double.MAX_VALUE, Integer.MAX_VALUE);
    }
    return LetheJson.read(job.policyJson, ControlPolicy.class);
  }

  private static ModelRef reference(JobEntity job) {
    return job.referenceModelJson == null
        ? LetheJson.read(job.startModelJson, ModelRef.class)
        : LetheJson.read(job.referenceModelJson, ModelRef.class);
  }

  private static ModelRef retainModel(JobEntity job) {
    return job.retainModelJson == null ? null : LetheJson.read(job.retainModelJson, ModelRef.class);
  }

  private static EvaluationPlan plan(JobEntity job, EvaluationKind kind) {
    return new EvaluationPlan(kind, EVAL_SETS, job.maxItemsPerSet, job.shardSize, retainModel(job));
  }
}
