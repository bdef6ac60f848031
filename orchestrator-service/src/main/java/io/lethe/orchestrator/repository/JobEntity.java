package io.lethe.orchestrator.repository;

import io.lethe.orchestrator.domain.JobStatus;
import io.lethe.schemas.domain.JobKind;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A job as stored. The structured parts (dataset, model, hyperparameters, policy) are kept as the
 * JSON of their shared-schemas records: they are copied into commands unchanged, and queried only
 * as a whole.
 */
@Entity
@Table(
    name = "jobs",
    indexes = @Index(name = "jobs_tenant_created", columnList = "tenant, created_at"))
public class JobEntity extends PanacheEntityBase {

  @Id public UUID id;

  /**
   * The tenant the job belongs to: the submitter's token names it, and only that tenant (and
   * admins) can see the job. Nullable because "update" adds the column to an existing table; a job
   * stored before tenants existed has none and is visible to admins only.
   */
  @Column(length = 64)
  public String tenant;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  public JobKind kind;

  @Column(length = 32)
  public String method;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  public JobStatus status;

  @Column(name = "dataset_json", columnDefinition = "text", nullable = false)
  public String datasetJson;

  @Column(name = "start_model_json", columnDefinition = "text")
  public String startModelJson;

  @Column(name = "hyperparameters_json", columnDefinition = "text", nullable = false)
  public String hyperparametersJson;

  @Column(name = "policy_json", columnDefinition = "text")
  public String policyJson;

  @Column(name = "retain_model_json", columnDefinition = "text")
  public String retainModelJson;

  /**
   * Frozen reference model of NPO, DPO and KL (the start model, or the original one in fixed
   * continual mode).
   */
  @Column(name = "reference_model_json", columnDefinition = "text")
  public String referenceModelJson;

  /**
   * Continual unlearning: the job whose result this one starts from (null for a stand-alone job).
   */
  @Column(name = "after_job_id", length = 64)
  public String afterJobId;

  /**
   * Continual unlearning: whether the reference stays the original model (true) or moves with each
   * task.
   */
  @Column(name = "fixed_reference", nullable = false)
  public boolean fixedReference;

  @Column(nullable = false)
  public long seed;

  /** Items per evaluation set, and per generation shard. */
  @Column(name = "max_items_per_set", nullable = false)
  public int maxItemsPerSet;

  @Column(name = "shard_size", nullable = false)
  public int shardSize;

  /**
   * Total optimizer steps, as the trainer resolved the schedule (known after the step-0
   * checkpoint).
   */
  @Column(name = "planned_steps")
  public Integer plannedSteps;

  /** Highest step a training segment has been commanded to reach. */
  @Column(name = "commanded_to_step", nullable = false)
  public int commandedToStep;

  /** Step of the latest (non-mix) evaluation the controller decided on. */
  @Column(name = "evaluated_step", nullable = false)
  public int evaluatedStep;

  /** Number of the next segment command (segments, mixes included, are numbered in order). */
  @Column(name = "next_segment", nullable = false)
  public int nextSegment;

  /** The checkpoint whose breach started a MIX search (the α = 1 end). */
  @Column(name = "mix_other_sha256", length = 64)
  public String mixOtherSha256;

  /** The job's result: the last checkpoint that met every floor (or the final one). */
  @Column(name = "result_sha256", length = 64)
  public String resultSha256;

  @Column(name = "result_uri", length = 1024)
  public String resultUri;

  /** Why the job ended the way it did. */
  @Column(name = "status_reason", columnDefinition = "text")
  public String statusReason;

  /** Furthest step any training checkpoint has reached (may run ahead of evaluation). */
  @Column(name = "current_step", nullable = false)
  public int currentStep;

  /** Whether the job has ended (no more commands are issued; late events are recorded only). */
  public boolean isTerminal() {
    return status == JobStatus.HALTED
        || status == JobStatus.COMPLETED
        || status == JobStatus.FAILED
        || status == JobStatus.CANCELLED;
  }

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;
}
