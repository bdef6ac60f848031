package io.lethe.schemas.kafka;

import io.lethe.schemas.events.CheckpointEvent;

/**
 * Kafka deserializer of {@link CheckpointEvent} (a no-argument class, as Kafka's configuration
 * needs).
 */
public class CheckpointEventDeserializer extends EventDeserializer<CheckpointEvent> {

  public CheckpointEventDeserializer() {
    super(CheckpointEvent.class);
  }
}
