package io.lethe.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.lethe.schemas.json.LetheJson;
import java.io.InputStream;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON Schemas shipped in the jar (for downstream consumers) accept what Lethe writes and
 * reject what it may not.
 */
class EventSchemaTest {

  static java.util.List<LetheEvent> events() {
    return EventSamples.all();
  }

  @ParameterizedTest
  @MethodSource("events")
  void everySerializedEventValidatesAgainstItsShippedSchema(LetheEvent event) throws Exception {
    JsonSchema schema = schemaOf(event);
    JsonNode json = LetheJson.mapper().readTree(LetheJson.write(event));
    assertThat(schema.validate(json)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("events")
  void schemaRejectsAnEventWithoutItsEnvelope(LetheEvent event) throws Exception {
    JsonSchema schema = schemaOf(event);
    ObjectNode json = (ObjectNode) LetheJson.mapper().readTree(LetheJson.write(event));
    json.remove("eventId");
    json.put("schemaVersion", "one");
    Set<ValidationMessage> errors = schema.validate(json);
    assertThat(errors)
        .extracting(ValidationMessage::getMessage)
        .anyMatch(m -> m.contains("eventId"));
    assertThat(errors)
        .extracting(ValidationMessage::getMessage)
        .anyMatch(m -> m.contains("schemaVersion"));
  }

  private static JsonSchema schemaOf(LetheEvent event) throws Exception {
    String resource = "schemas/" + event.getClass().getSimpleName() + ".schema.json";
    try (InputStream in = EventSchemaTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as("schema %s shipped in the jar", resource).isNotNull();
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
    }
  }
}
