package io.lethe.schemas.kafka;

import io.lethe.schemas.events.EvaluationEvent;

/**
 * Kafka deserializer of {@link EvaluationEvent} (a no-argument class, as Kafka's configuration
 * needs).
 */
public class EvaluationEventDeserializer extends EventDeserializer<EvaluationEvent> {

  public EvaluationEventDeserializer() {
    super(EvaluationEvent.class);
  }
}
