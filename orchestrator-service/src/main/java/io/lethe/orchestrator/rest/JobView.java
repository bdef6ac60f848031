package io.lethe.orchestrator.rest;

import io.lethe.orchestrator.domain.JobStatus;
import io.lethe.orchestrator.repository.JobEntity;
import io.lethe.schemas.domain.ControlPolicy;
import io.lethe.schemas.domain.DatasetRef;
import io.lethe.schemas.domain.Hyperparameters;
import io.lethe.schemas.domain.JobKind;
import io.lethe.schemas.domain.ModelRef;
import io.lethe.schemas.json.LetheJson;
import java.time.Instant;

/** A job as the API shows it: its definition, where it is, and its result once it has ended. */
public record JobView(
    String id,
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
    Instant updatedAt) {

  /** The view of a stored job. */
  public static JobView of(JobEntity job) {
    return new JobView(
        job.id.toString(),
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
        job.updatedAt);
  }
}
