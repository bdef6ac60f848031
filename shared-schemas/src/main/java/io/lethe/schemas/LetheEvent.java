package io.lethe.schemas;

import java.time.Instant;
import java.util.UUID;

/**
 * The envelope every Lethe event carries. {@code eventId} makes consumers idempotent, {@code
 * schemaVersion} lets them read old events (evolution is additive: new optional fields only),
 * {@code jobId} is the Kafka key.
 */
public interface LetheEvent {

  /** Unique id of this event (consumers de-duplicate on it). */
  UUID eventId();

  /** Version of the event's schema; starts at 1. */
  int schemaVersion();

  /** The job the event belongs to; also the Kafka record key. */
  String jobId();

  /** When the producer created the event. */
  Instant occurredAt();
}
