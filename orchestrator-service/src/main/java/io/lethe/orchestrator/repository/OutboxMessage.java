package io.lethe.orchestrator.repository;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A Kafka record written in the same database transaction as the state change it announces
 * (transactional outbox): either both happen or neither. The relay publishes unsent rows in id
 * order and marks them sent.
 */
@Entity
@Table(name = "outbox", indexes = @Index(name = "outbox_unsent", columnList = "sent_at, id"))
public class OutboxMessage extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(nullable = false, length = 64)
  public String topic;

  @Column(name = "message_key", nullable = false, length = 64)
  public String messageKey;

  @Column(columnDefinition = "text", nullable = false)
  public String payload;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "sent_at")
  public Instant sentAt;

  /** A new unsent record. */
  public static OutboxMessage of(String topic, String key, String payload) {
    OutboxMessage m = new OutboxMessage();
    m.topic = topic;
    m.messageKey = key;
    m.payload = payload;
    m.createdAt = Instant.now();
    return m;
  }
}
