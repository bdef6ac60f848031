package io.lethe.orchestrator.rest;

import io.lethe.orchestrator.domain.UnlearningMethods;
import io.lethe.orchestrator.service.JobPlanner;
import io.lethe.orchestrator.service.JobSpec;
import io.lethe.schemas.domain.Hyperparameters;
import io.lethe.schemas.domain.JobKind;
import io.lethe.schemas.domain.ModelRef;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /jobs}.
 *
 * @param kind FINETUNE (build a target or retain reference model) or UNLEARN
 * @param method unlearning method (UNLEARN only), e.g. {@code GA+GD}, {@code ME+GD}, {@code IDK+AP}
 * @param dataset the data
 * @param startModel the model to start from (UNLEARN: a checkpoint; FINETUNE: a checkpoint or a
 *     preset)
 * @param retainModel the retain reference model (never saw the forget set), for forget quality
 *     (UNLEARN)
 * @param hyperparameters overrides of the method's defaults
 * @param policy the control policy (UNLEARN)
 * @param continual continual unlearning: start from another job's result when it ends
 * @param evaluation how much of each evaluation set to cover (UNLEARN; default TOFU's 300 items)
 * @param seed seed of data order and initialisation (default 1001, as the papers' runs)
 */
public record SubmitJobRequest(
    @NotNull(message = "kind is required (FINETUNE or UNLEARN)") JobKind kind,
    @Size(max = 32, message = "must be at most 32 characters") String method,
    @NotNull(message = "dataset is required") @Valid DatasetRequest dataset,
    @Valid ModelRequest startModel,
    @Valid ModelRequest retainModel,
    @Valid HyperparametersRequest hyperparameters,
    @Valid PolicyRequest policy,
    @Valid EvaluationRequest evaluation,
    @Valid ContinualRequest continual,
    @PositiveOrZero(message = "must be at least 0") Long seed) {

  /** Seed when the request gives none: sail-sg's set_random_seed (methods.md §1.4). */
  static final long DEFAULT_SEED = 1001L;

  /**
   * The job this (validated) request asks for, with every default resolved. Public so that a
   * benchmark running the loop without the API plans exactly the job the API would.
   */
  public JobSpec toSpec() {
    return new JobSpec(
        kind,
        method,
        dataset.toRef(),
        startModel != null ? startModel.toRef() : continual == null ? ModelRef.fresh("tiny") : null,
        retainModel == null ? null : retainModel.toRef(),
        hyperparameters == null ? Hyperparameters.defaults() : hyperparameters.toSnapshot(),
        kind == JobKind.UNLEARN
            ? (policy == null ? PolicyRequest.defaults() : policy.toPolicy())
            : null,
        evaluation == null || evaluation.maxItemsPerSet() == null
            ? JobPlanner.MAX_ITEMS_PER_SET
            : evaluation.maxItemsPerSet(),
        evaluation == null || evaluation.shardSize() == null
            ? JobPlanner.SHARD_SIZE
            : evaluation.shardSize(),
        continual == null ? null : continual.after().toLowerCase(),
        continual != null && continual.fixed(),
        seed == null ? DEFAULT_SEED : seed);
  }

  /** MIX is the controller's tool, not a job a user submits. */
  @AssertTrue(message = "kind must be FINETUNE or UNLEARN")
  public boolean isSubmittableKind() {
    return kind != JobKind.MIX;
  }

  /** An UNLEARN job names one of the known methods; a FINETUNE job names none. */
  @AssertTrue(
      message =
          "UNLEARN needs a method among GA, GA+GD, GA+KL, NPO(+GD/KL), ME(+GD), IDK(+GD/KL/AP), DPO(+GD/KL), CAPPED_GA(+GD); FINETUNE takes none")
  public boolean isMethodValid() {
    if (kind == JobKind.UNLEARN) {
      return UnlearningMethods.isKnown(method);
    }
    return method == null;
  }

  /** The retain reference model is a stored checkpoint. */
  @AssertTrue(message = "retainModel must be a checkpoint (uri and sha256)")
  public boolean isRetainModelValid() {
    return retainModel == null || retainModel.isCheckpoint();
  }

  /**
   * Unlearning starts from a trained model: a checkpoint, or (continual) the result of an earlier
   * job.
   */
  @AssertTrue(
      message =
          "UNLEARN needs a startModel checkpoint (uri and sha256), or continual.after instead of a startModel")
  public boolean isStartModelValid() {
    if (kind != JobKind.UNLEARN) {
      return continual == null;
    }
    return continual == null ? startModel != null && startModel.isCheckpoint() : startModel == null;
  }
}
