package io.lethe.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StackConfigTest {

  private final StackConfig config =
      StackConfig.builder(Path.of("/repo")).dataDirectory(Path.of("/data")).build();

  @Test
  void everythingPersistentLivesUnderTheDataDirectory() {
    assertThat(config.postgresDirectory()).isEqualTo(Path.of("/data/postgres"));
    assertThat(config.kafkaDirectory()).isEqualTo(Path.of("/data/kafka"));
    assertThat(config.checkpointRoot()).isEqualTo(Path.of("/data/checkpoints"));
    assertThat(config.serviceLog(LetheService.GENERATOR))
        .isEqualTo(Path.of("/data/logs/generator-service.log"));
    assertThat(config.infraLog()).isEqualTo(Path.of("/data/logs/infra.log"));
  }

  @Test
  void serviceJarsAreTheQuarkusFastJarsOfTheModules() {
    assertThat(config.serviceJar(LetheService.ORCHESTRATOR))
        .isEqualTo(Path.of("/repo/orchestrator-service/target/quarkus-app/quarkus-run.jar"));
    assertThat(config.serviceJar(LetheService.EVALUATOR))
        .isEqualTo(Path.of("/repo/evaluator-service/target/quarkus-app/quarkus-run.jar"));
  }

  @Test
  void toBuilderKeepsEveryValue() {
    StackConfig custom =
        config.toBuilder()
            .kafkaPort(1234)
            .servicePort(LetheService.TRAINER, 2345)
            .readyTimeout(Duration.ofSeconds(7))
            .stopGrace(Duration.ofSeconds(2))
            .build();

    assertThat(custom.toBuilder().build()).isEqualTo(custom);
    assertThat(custom.kafkaPort()).isEqualTo(1234);
    assertThat(custom.servicePort(LetheService.TRAINER)).isEqualTo(2345);
    assertThat(custom.dataDirectory()).isEqualTo(Path.of("/data"));
  }

  @Test
  void invalidValuesAreRejected() {
    assertThatThrownBy(() -> config.toBuilder().kafkaControllerPort(59092).build())
        .hasMessageContaining("port 59092 given to both Kafka and the Kafka controller");
    assertThatThrownBy(() -> config.toBuilder().postgresPort(0).build())
        .hasMessageContaining("1-65535");
    assertThatThrownBy(() -> config.toBuilder().readyTimeout(Duration.ZERO).build())
        .hasMessageContaining("positive");
  }

  @Test
  void servicePortsCannotBeChangedAfterBuilding() {
    assertThatThrownBy(() -> config.servicePorts().put(LetheService.TRAINER, 1))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
