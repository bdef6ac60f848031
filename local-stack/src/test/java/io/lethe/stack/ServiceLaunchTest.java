package io.lethe.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ServiceLaunchTest {

  private final StackConfig config =
      StackConfig.builder(Path.of("/repo"))
          .dataDirectory(Path.of("/data"))
          .postgresPort(6000)
          .kafkaPort(7000)
          .servicePort(LetheService.TRAINER, 9001)
          .build();
  private final StackEndpoints endpoints =
      StackEndpoints.of(config, "pg-user", "pg-secret", "token");

  @Test
  void aServiceRunsItsFastJarOnTheSameJdkWithTheProdProfile() {
    ServiceLaunch launch =
        ServiceLaunch.forService(LetheService.TRAINER, config, endpoints, "/jdk/bin/java");

    assertThat(launch.name()).isEqualTo("trainer-service");
    assertThat(launch.command())
        .containsExactly(
            "/jdk/bin/java",
            "-Xmx2g",
            "-XX:+ExitOnOutOfMemoryError",
            "-Dquarkus.profile=prod",
            "-jar",
            "/repo/trainer-service/target/quarkus-app/quarkus-run.jar");
    assertThat(launch.logFile()).isEqualTo(Path.of("/data/logs/trainer-service.log"));
    assertThat(launch.workingDirectory()).isEqualTo(Path.of("/data"));
    assertThat(launch.readinessUrl()).isEqualTo(URI.create("http://127.0.0.1:9001/q/health/ready"));
  }

  @Test
  void everyServiceGetsPortKafkaCheckpointsAndOfflineDjl() {
    for (LetheService service : LetheService.values()) {
      ServiceLaunch launch = ServiceLaunch.forService(service, config, endpoints, "java");

      assertThat(launch.environment())
          .containsEntry("QUARKUS_HTTP_PORT", Integer.toString(config.servicePort(service)))
          .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:7000")
          .containsEntry("LETHE_CHECKPOINT_ROOT", "/data/checkpoints")
          .containsEntry("DJL_OFFLINE", "true");
    }
  }

  @Test
  void onlyTheOrchestratorGetsTheDatabase() {
    ServiceLaunch orchestrator =
        ServiceLaunch.forService(LetheService.ORCHESTRATOR, config, endpoints, "java");
    ServiceLaunch generator =
        ServiceLaunch.forService(LetheService.GENERATOR, config, endpoints, "java");

    assertThat(orchestrator.environment())
        .containsEntry("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://localhost:6000/postgres")
        .containsEntry("QUARKUS_DATASOURCE_USERNAME", "pg-user")
        .containsEntry("QUARKUS_DATASOURCE_PASSWORD", "pg-secret");
    assertThat(orchestrator.command()).contains("-Xmx1g");
    assertThat(generator.environment()).doesNotContainKey("QUARKUS_DATASOURCE_REACTIVE_URL");
  }

  @Test
  void onlyTheOrchestratorVerifiesTokensWithTheDevelopmentKey() {
    ServiceLaunch orchestrator =
        ServiceLaunch.forService(LetheService.ORCHESTRATOR, config, endpoints, "java");
    assertThat(orchestrator.environment())
        .containsEntry("LETHE_JWT_PUBLIC_KEY_LOCATION", "/data/auth/public-key.pem")
        .containsEntry("LETHE_JWT_ISSUER", DevelopmentKeys.ISSUER);
    for (LetheService service : LetheService.values()) {
      if (service != LetheService.ORCHESTRATOR) {
        assertThat(ServiceLaunch.forService(service, config, endpoints, "java").environment())
            .doesNotContainKeys("LETHE_JWT_PUBLIC_KEY_LOCATION", "LETHE_JWT_ISSUER");
      }
    }
  }

  @Test
  void currentJavaIsAnExecutableOfTheRunningJdk() {
    assertThat(Path.of(ServiceLaunch.currentJava())).isExecutable();
  }
}
