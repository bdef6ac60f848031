package io.lethe.schemas.kafka;

import io.lethe.schemas.events.GenerationEvent;

/**
 * Kafka deserializer of {@link GenerationEvent} (a no-argument class, as Kafka's configuration
 * needs).
 */
public class GenerationEventDeserializer extends EventDeserializer<GenerationEvent> {

  public GenerationEventDeserializer() {
    super(GenerationEvent.class);
  }
}
