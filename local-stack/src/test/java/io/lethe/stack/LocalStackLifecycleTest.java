package io.lethe.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stack's lifecycle with real PostgreSQL and Kafka and {@link FakeQuarkusService} jars in place
 * of the services: the launch contract, the stop order, and that a restart keeps the data. Runs
 * without the service modules built; {@link LocalStackTest} repeats the essentials with the real
 * services.
 */
class LocalStackLifecycleTest {

  @TempDir Path tmp;

  @Test
  void upStopAndRestartOnTheSameDataDirectory() throws Exception {
    Path repo = FakeServices.repository(Files.createDirectories(tmp.resolve("repo")));
    StackConfig config =
        StackAssertions.onFreePorts(StackConfig.builder(repo))
            .dataDirectory(tmp.resolve("data"))
            .readyTimeout(Duration.ofSeconds(60))
            .stopGrace(Duration.ofSeconds(10))
            .build();
    PersistenceProbe probe = new PersistenceProbe("written-before-restart");

    List<ProcessHandle> firstRun;
    try (LocalStack stack = LocalStack.start(config)) {
      StackEndpoints endpoints = stack.endpoints();
      StackAssertions.allServicesReady(endpoints);
      StackAssertions.orchestratorSeesDatabaseAndKafka(endpoints);
      assertThat(stack.startupTimings().total()).isPositive();
      firstRun = stack.serviceProcesses();
      probe.write(endpoints);

      StackConfig sameDirectory = StackAssertions.onFreePorts(config.toBuilder()).build();
      assertThatThrownBy(() -> LocalStack.start(sameDirectory))
          .isInstanceOf(StackStartException.class)
          .hasMessageContaining("another Lethe stack is running on " + config.dataDirectory());

      assertThat(stack.stop()).isPositive();
      assertThat(stack.stop()).isZero();
    }
    StackAssertions.nothingLeftRunning(config, firstRun);
    assertThat(config.dataDirectory().resolve(LeftoverProcesses.PID_FILE)).doesNotExist();
    for (LetheService service : LetheService.values()) {
      String log = Files.readString(config.serviceLog(service));
      // what each child was given
      assertThat(log)
          .contains("profile=prod")
          .contains("checkpoints=" + config.checkpointRoot())
          .contains("djlOffline=true");
      // the stop order: services are stopped while Kafka and PostgreSQL still run
      assertThat(log).contains("shutdown: kafka reachable=true");
    }
    assertThat(Files.readString(config.serviceLog(LetheService.ORCHESTRATOR)))
        .contains("database reachable=true");

    try (LocalStack restarted = LocalStack.start(config)) {
      StackAssertions.allServicesReady(restarted.endpoints());
      probe.assertStillThere(restarted.endpoints());
      assertThat(config.serviceLog(LetheService.TRAINER).resolveSibling("trainer-service.log.1"))
          .exists();
    }
  }

  @Test
  void missingServiceJarsAreNamedAndNothingIsLeftRunning() throws Exception {
    Path repo = Files.createDirectories(tmp.resolve("empty-repo"));
    StackConfig config =
        StackAssertions.onFreePorts(StackConfig.builder(repo))
            .dataDirectory(tmp.resolve("d"))
            .build();

    assertThatThrownBy(() -> LocalStack.start(config))
        .isInstanceOf(StackStartException.class)
        .hasMessageContaining("service jars not built")
        .hasMessageContaining(config.serviceJar(LetheService.GENERATOR).toString())
        .hasMessageContaining("./lethe --build");
    // the data directory lock was released: a corrected start could proceed
    DataDirectoryLock.acquire(config.dataDirectory()).close();
  }
}
