package io.lethe.schemas.kafka;

import io.lethe.schemas.json.LetheJson;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serializer of every Lethe event: UTF-8 JSON through {@link LetheJson}. */
public class EventSerializer implements Serializer<Object> {

  @Override
  public byte[] serialize(String topic, Object data) {
    return data == null ? null : LetheJson.write(data).getBytes(StandardCharsets.UTF_8);
  }
}
