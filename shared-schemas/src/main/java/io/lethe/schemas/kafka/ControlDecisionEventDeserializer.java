package io.lethe.schemas.kafka;

import io.lethe.schemas.events.ControlDecisionEvent;

/**
 * Kafka deserializer of {@link ControlDecisionEvent} (a no-argument class, as Kafka's configuration
 * needs).
 */
public class ControlDecisionEventDeserializer extends EventDeserializer<ControlDecisionEvent> {

  public ControlDecisionEventDeserializer() {
    super(ControlDecisionEvent.class);
  }
}
