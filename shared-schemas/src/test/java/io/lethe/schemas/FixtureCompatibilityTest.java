package io.lethe.schemas;

import static org.assertj.core.api.Assertions.assertThat;

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
      assertThat(v1).isEqualTo(current);
    }
  }
}
