package io.lethe.orchestrator.repository;

import io.lethe.schemas.domain.Decision;
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

/** A controller decision with the inputs it was based on: the audit trail of a job. */
@Entity
@Table(name = "decisions", indexes = @Index(name = "decisions_job", columnList = "job_id, id"))
public class DecisionRecord extends PanacheEntityBase {

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
  @Column(nullable = false, length = 16)
  public Decision decision;

  @Column(columnDefinition = "text", nullable = false)
  public String reason;

  @Column(name = "observed_json", columnDefinition = "text", nullable = false)
  public String observedJson;

  @Column(name = "policy_json", columnDefinition = "text")
  public String policyJson;

  @Column(name = "result_sha256", length = 64)
  public String resultSha256;

  @Column(name = "mix_alpha")
  public Double mixAlpha;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;
}
