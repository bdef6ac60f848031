package io.lethe.schemas.kafka;

import io.lethe.schemas.LetheEvent;
import io.lethe.schemas.json.EventValidator;
import io.lethe.schemas.json.MalformedEventException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer of one Lethe event type, for downstream consumers and tests. (Lethe's own
 * services read values as strings and parse them in the handler, so a poison payload reaches the
 * dead-letter topic byte for byte.)
 */
public class EventDeserializer<T extends LetheEvent> implements Deserializer<T> {

  private final Class<T> type;

  public EventDeserializer(Class<T> type) {
    this.type = type;
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    try {
      return EventValidator.parse(new String(data, StandardCharsets.UTF_8), type);
    } catch (MalformedEventException e) {
      throw new SerializationException(e.getMessage(), e);
    }
  }
}
