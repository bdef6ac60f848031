package io.lethe.schemas.kafka;

import io.lethe.schemas.events.UnlearningStepCommand;

/**
 * Kafka deserializer of {@link UnlearningStepCommand} (a no-argument class, as Kafka's
 * configuration needs).
 */
public class UnlearningStepCommandDeserializer extends EventDeserializer<UnlearningStepCommand> {

  public UnlearningStepCommandDeserializer() {
    super(UnlearningStepCommand.class);
  }
}
