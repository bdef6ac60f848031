package io.lethe.orchestrator.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * An event id the orchestrator has already applied. Inserted in the transaction that applies the
 * event, so a redelivered or replayed event is recognised and skipped (Kafka delivers at least
 * once).
 */
@Entity
@Table(name = "processed_events")
public class ProcessedEvent extends PanacheEntityBase {

  @Id
  @Column(name = "event_id")
  public UUID eventId;

  @Column(nullable = false, length = 64)
  public String topic;

  @Column(name = "processed_at", nullable = false)
  public Instant processedAt;

  /** A marker for {@code eventId} read from {@code topic}. */
  public static ProcessedEvent of(UUID eventId, String topic) {
    ProcessedEvent p = new ProcessedEvent();
    p.eventId = eventId;
    p.topic = topic;
    p.processedAt = Instant.now();
    return p;
  }
}
