package io.lethe.schemas.kafka;

import io.lethe.schemas.events.StepFailedEvent;

/**
 * Kafka deserializer of {@link StepFailedEvent} (a no-argument class, as Kafka's configuration
 * needs).
 */
public class StepFailedEventDeserializer extends EventDeserializer<StepFailedEvent> {

  public StepFailedEventDeserializer() {
    super(StepFailedEvent.class);
  }
}
