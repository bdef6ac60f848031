package io.lethe.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.schemas.events.CheckpointEvent;
import io.lethe.schemas.json.EventValidator;
import io.lethe.schemas.json.LetheJson;
import io.lethe.schemas.json.MalformedEventException;
import io.lethe.schemas.kafka.CheckpointEventDeserializer;
import io.lethe.schemas.kafka.EventSerializer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every event survives the wire unchanged; malformed payloads are rejected as poison, not
 * half-read.
 */
class EventRoundTripTest {

  static java.util.List<LetheEvent> events() {
    return EventSamples.all();
  }

  @ParameterizedTest
  @MethodSource("events")
  void everyEventRoundTripsThroughTheWireFormat(LetheEvent event) {
    byte[] bytes = new EventSerializer().serialize("t", event);
    LetheEvent back =
        EventValidator.parse(new String(bytes, StandardCharsets.UTF_8), event.getClass());
    assertThat(back).isEqualTo(event);
    assertThat(new String(bytes, StandardCharsets.UTF_8))
        .contains("\"occurredAt\":\"2026-11-22T10:15:30.123Z\"");
  }

  @Test
  void unknownFieldsOfANewerProducerAreIgnored() {
    String json = LetheJson.write(EventSamples.checkpoint());
    String newer = json.replaceFirst("\\{", "{\"addedInV2\":{\"x\":1},");
    assertThat(EventValidator.parse(newer, CheckpointEvent.class))
        .isEqualTo(EventSamples.checkpoint());
  }

  @Test
  void missingEnvelopeIsPoison() {
    assertThatThrownBy(() -> EventValidator.parse("{}", CheckpointEvent.class))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("eventId");
    assertThatThrownBy(() -> EventValidator.parse("not json", CheckpointEvent.class))
        .isInstanceOf(MalformedEventException.class);
    assertThatThrownBy(() -> EventValidator.parse("", CheckpointEvent.class))
        .isInstanceOf(MalformedEventException.class);
  }

  @Test
  void kafkaDeserializerReportsPoisonAsSerializationException() {
    try (var deserializer = new CheckpointEventDeserializer()) {
      assertThat(
              deserializer.deserialize(
                  "checkpoints",
                  new EventSerializer().serialize("checkpoints", EventSamples.checkpoint())))
          .isEqualTo(EventSamples.checkpoint());
      assertThatThrownBy(
              () ->
                  deserializer.deserialize(
                      "checkpoints", "{\"step\":".getBytes(StandardCharsets.UTF_8)))
          .isInstanceOf(SerializationException.class);
    }
  }
}
