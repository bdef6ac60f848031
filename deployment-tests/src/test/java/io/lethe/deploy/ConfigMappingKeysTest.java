package io.lethe.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A mapping's keys are its members in kebab-case, groups nested, {@code @WithName} honoured. */
class ConfigMappingKeysTest {

  @Test
  void readsMembersGroupsOptionalsNamesAndMaps() {
    String source =
        """
        package x;
        /** Settings. */
        @ConfigMapping(prefix = "lethe.trainer")
        public interface TrainerConfig {
          /** Device. */
          @WithDefault("auto")
          String device();

          // a group
          Checkpoints checkpoints();

          Optional<Limits> limits();

          @WithDefault("3") @WithName("max_retries")
          int maxRetries();

          Map<String, String> tags();

          default boolean gpu() { return "gpu".equals(device()); }

          interface Checkpoints {
            @WithDefault("/data") Path root();
            Duration keepFor();
          }

          interface Limits {
            OptionalInt stepsPerSegment();
          }
        }
        """;
    ConfigMappingKeys.Keys keys = ConfigMappingKeys.read(source);
    assertThat(keys.names())
        .containsExactlyInAnyOrder(
            "lethe.trainer.device",
            "lethe.trainer.checkpoints.root",
            "lethe.trainer.checkpoints.keep-for",
            "lethe.trainer.limits.steps-per-segment",
            "lethe.trainer.max_retries");
    assertThat(keys.prefixes()).containsExactly("lethe.trainer.tags");
  }
}
