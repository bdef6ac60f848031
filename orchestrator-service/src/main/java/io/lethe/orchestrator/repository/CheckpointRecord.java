package io.lethe.orchestrator.repository;

import io.lethe.schemas.domain.JobKind;
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

/**
 * A checkpoint of a job and its lineage (parent hash), with the training statistics of its segment.
 */
@Entity
@Table(
    name = "checkpoints",
    indexes = {
      @Index(name = "checkpoints_job_step", columnList = "job_id, step"),
      @Index(name = "checkpoints_sha", columnList = "sha256")
    })
public class CheckpointRecord extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "event_id", nullable = false, unique = true)
  public UUID eventId;

  @Column(name = "job_id", nullable = false, length = 64)
  public String jobId;

  @Column(nullable = false)
  public int step;

  @Column(nullable = false)
  public int segment;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  public JobKind kind;

  @Column(nullable = false, length = 1024)
  public String uri;

  @Column(nullable = false, length = 64)
  public String sha256;

  @Column(name = "parent_sha256", length = 64)
  public String parentSha256;

  @Column(name = "loss_terms_json", columnDefinition = "text")
  public String lossTermsJson;

  @Column(name = "grad_norm")
  public Double gradNorm;

  @Column(nullable = false)
  public long tokens;

  @Column(nullable = false)
  public double seconds;

  @Column(name = "mix_alpha")
  public Double mixAlpha;

  @Column(name = "occurred_at", nullable = false)
  public Instant occurredAt;
}
