package io.lethe.schemas.json;

import io.lethe.schemas.LetheEvent;

/**
 * Checks the envelope every consumer relies on after parsing, so that a syntactically valid but
 * empty event (e.g. {@code {}}) is treated as poison instead of failing deep inside a handler.
 */
public final class EventValidator {

  private EventValidator() {}

  /**
   * Returns {@code event} if its envelope is complete.
   *
   * @throws MalformedEventException if eventId, jobId, occurredAt or schemaVersion is missing or
   *     invalid
   */
  public static <T extends LetheEvent> T requireEnvelope(T event) {
    String type = event.getClass().getSimpleName();
    if (event.eventId() == null) {
      throw new MalformedEventException(type + ": eventId is missing");
    }
    if (event.jobId() == null || event.jobId().isBlank()) {
      throw new MalformedEventException(type + ": jobId is missing");
    }
    if (event.occurredAt() == null) {
      throw new MalformedEventException(type + ": occurredAt is missing");
    }
    if (event.schemaVersion() < 1) {
      throw new MalformedEventException(type + ": schemaVersion must be ≥ 1");
    }
    return event;
  }

  /** Parses and validates the envelope in one call. */
  public static <T extends LetheEvent> T parse(String json, Class<T> type) {
    return requireEnvelope(LetheJson.read(json, type));
  }
}
