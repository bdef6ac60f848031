package io.lethe.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.schemas.json.EventValidator;
import io.lethe.schemas.json.LetheJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Events written by schema version 1 stay readable forever (evolution is additive). The fixtures
 * under {@code src/test/resources/fixtures/v1} are frozen; run with {@code
 * -Dlethe.fixtures.write=true} only to add a new one.
 */
class FixtureCompatibilityTest {

  static java.util.List<LetheEvent> events() {
    return EventSamples.all();
  }

  /**
   * Whether every field of {@code part} (recursively, for objects) is in {@code whole} with the
   * same value.
   */
  static boolean isSubset(JsonNode part, JsonNode whole) {
    if (part.isObject() && whole.isObject()) {
      for (var it = part.fields(); it.hasNext(); ) {
        var field = it.next();
        if (!whole.has(field.getKey()) || !isSubset(field.getValue(), whole.get(field.getKey()))) {
          return false;
        }
      }
      return true;
    }
    if (part.isArray() && whole.isArray()) {
      if (part.size() != whole.size()) {
        return false;
      }
      for (int i = 0; i < part.size(); i++) {
        if (!isSubset(part.get(i), whole.get(i))) {
          return false;
        }
      }
      return true;
    }
    return part.equals(whole);
  }

  @ParameterizedTest
  @MethodSource("events")
  void version1FixturesStillDeserialize(LetheEvent current) throws Exception {
    String name = "fixtures/v1/" + current.getClass().getSimpleName() + ".json";
    if (Boolean.getBoolean("lethe.fixtures.write")) {
      Path file = Path.of("src/test/resources", name);
      if (!Files.exists(file)) {
        Files.writeString(
            file,
            LetheJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(current) + "\n");
      }
    }
    try (var in = getClass().getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as("fixture %s", name).isNotNull();
      String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      LetheEvent v1 = EventValidator.parse(json, current.getClass());
      JsonNode fixture = LetheJson.mapper().readTree(json);
      // reading a v1 event loses nothing it carried …
      assertThat(LetheJson.mapper().readTree(LetheJson.write(v1))).isEqualTo(fixture);
      // … and today's event still carries every v1 field with the same meaning (fields are only
      // ever added)
      assertThat(isSubset(fixture, LetheJson.mapper().readTree(LetheJson.write(current))))
          .as("every v1 field of %s is still written the same way", name)
          .isTrue();
    }
  }
}
