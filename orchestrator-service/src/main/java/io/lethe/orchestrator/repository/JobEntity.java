package io.lethe.orchestrator.repository;

import io.lethe.orchestrator.domain.JobStatus;
import io.lethe.schemas.domain.JobKind;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A job as stored. The structured parts (dataset, model, hyperparameters, policy) are kept as the
 * JSON of their shared-schemas records: they are copied into commands unchanged, and queried only
 * as a whole.
 */
@Entity
@Table(name = "jobs")
public class JobEntity extends PanacheEntityBase {

  @Id public UUID id;

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

  @Column(name = "start_model_json", columnDefinition = "text", nullable = false)
  public String startModelJson;

  @Column(name = "hyperparameters_json", columnDefinition = "text", nullable = false)
  public String hyperparametersJson;

  @Column(name = "policy_json", columnDefinition = "text")
  public String policyJson;

  @Column(nullable = false)
  public long seed;

  @Column(name = "current_step", nullable = false)
  public int currentStep;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;
}
