package io.lethe.orchestrator.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.lethe.orchestrator.domain.JobStatus;
import io.lethe.orchestrator.repository.JobEntity;
import io.lethe.schemas.domain.ControlPolicy;
import io.lethe.schemas.domain.DatasetRef;
import io.lethe.schemas.domain.Hyperparameters;
import io.lethe.schemas.domain.JobKind;
import io.lethe.schemas.domain.ModelRef;
import io.lethe.schemas.json.LetheJson;
import java.time.Instant;
import java.util.List;

/**
 * A job as the API shows it: its definition, where it is, and its result once it has ended. Read on
 * its own ({@code GET /jobs/{id}}) it also carries its latest evaluation and the controller's
 * decisions, so one call answers "how is my job doing"; lists and progress events leave both out.
 */
public record JobView(
    String id,
    String tenant,
    JobKind kind,
    String method,
    JobStatus status,
    int currentStep,
    DatasetRef dataset,
    ModelRef startModel,
    Hyperparameters hyperparameters,
    ControlPolicy policy,
    long seed,
    Integer plannedSteps,
    ModelRef result,
    String statusReason,
    Instant createdAt,
    Instant updatedAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) EvaluationView latestEvaluation,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<DecisionView> decisions) {

  /** The view of a stored job. */
  public static JobView of(JobEntity job) {
    return detailed(job, null, null);
  }

  /** The view of a stored job with its latest evaluation (null before the first) and decisions. */
  public static JobView detailed(
      JobEntity job, EvaluationView latest, List<DecisionView> decisions) {
    return new JobView(
        job.id.toString(),
        job.tenant,
        job.kind,
        job.method,
        job.status,
        job.currentStep,
        LetheJson.read(job.datasetJson, DatasetRef.class),
        job.startModelJson == null ? null : LetheJson.read(job.startModelJson, ModelRef.class),
        LetheJson.read(job.hyperparametersJson, Hyperparameters.class),
        job.policyJson == null ? null : LetheJson.read(job.policyJson, ControlPolicy.class),
        job.seed,
        job.plannedSteps,
        job.resultSha256 == null ? null : ModelRef.checkpoint(job.resultUri, job.resultSha256),
        job.statusReason,
        job.createdAt,
        job.updatedAt,
        latest,
        decisions);
  }
}
