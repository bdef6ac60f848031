package io.lethe.orchestrator.repository;

import io.lethe.schemas.domain.EvaluationKind;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The metrics of one evaluated checkpoint of a job, as the controller and the report read them. */
@Entity
@Table(
    name = "evaluations",
    indexes = @Index(name = "evaluations_job_step", columnList = "job_id, step"))
public class EvaluationRecord extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "event_id", nullable = false, unique = true)
  public UUID eventId;

  @Column(name = "job_id", nullable = false, length = 64)
  public String jobId;

  @Column(nullable = false)
  public int step;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 8)
  public EvaluationKind kind;

  @Column(name = "checkpoint_sha256", nullable = false, length = 64)
  public String checkpointSha256;

  @Column(name = "metrics_json", columnDefinition = "text", nullable = false)
  public String metricsJson;

  @Column(name = "occurred_at", nullable = false)
  public Instant occurredAt;

  /**
   * Whether the controller has decided on this evaluation. An evaluation can overtake its
   * checkpoint event (they travel on different topics); it then waits here until the checkpoint
   * arrives.
   */
  @Column(nullable = false)
  public boolean decided;
}
