package io.lethe.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.infra.EmbeddedPostgresServer;
import io.lethe.infra.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeftoverProcessesTest {

  private static final Duration GRACE = Duration.ofSeconds(10);

  @TempDir Path tmp;

  @Test
  void servicesRecordedByACrashedLauncherAreStoppedOthersAreLeftAlone() throws Exception {
    Path repo = FakeServices.repository(Files.createDirectories(tmp.resolve("repo")));
    StackConfig config =
        StackConfig.builder(repo)
            .dataDirectory(tmp.resolve("data"))
            .servicePort(LetheService.EVALUATOR, FreePorts.next())
            .build();
    StackEndpoints endpoints = StackEndpoints.of(config, "u", "p", "token");
    ServiceProcess orphan =
        ServiceProcess.start(
            ServiceLaunch.forService(
                LetheService.EVALUATOR, config, endpoints, ServiceLaunch.currentJava()));
    // a live process whose command line does not name the recorded jar (a recycled pid)
    ServiceProcess bystander =
        ServiceProcess.start(FakeServices.launch("bystander", "ready", FreePorts.next(), tmp));
    try {
      LeftoverProcesses.record(config.dataDirectory(), List.of(orphan));
      Files.writeString(
          config.dataDirectory().resolve(LeftoverProcesses.PID_FILE),
          bystander.pid() + "\t" + config.serviceJar(LetheService.TRAINER) + "\n",
          StandardOpenOption.APPEND);

      List<String> stopped =
          LeftoverProcesses.stop(config.dataDirectory(), config.postgresDirectory(), GRACE);

      assertThat(stopped)
          .containsExactly(
              "service "
                  + config.serviceJar(LetheService.EVALUATOR)
                  + " (pid "
                  + orphan.pid()
                  + ")");
      assertThat(orphan.awaitExit(GRACE)).isTrue();
      assertThat(orphan.exitCode()).hasValue(128 + 15); // SIGTERM first: a graceful stop
      assertThat(bystander.isAlive()).isTrue();
      assertThat(config.dataDirectory().resolve(LeftoverProcesses.PID_FILE)).doesNotExist();
    } finally {
      orphan.kill();
      bystander.kill();
    }
  }

  @Test
  void anOrphanedPostgresOfTheDataDirectoryIsShutDown() throws Exception {
    Path data = Files.createDirectories(tmp.resolve("data"));
    Path pgDir = data.resolve("postgres");
    EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(0, pgDir);
    int port = postgres.port();
    long pid = Long.parseLong(Files.readAllLines(pgDir.resolve("postmaster.pid")).get(0).trim());
    try {
      List<String> stopped = LeftoverProcesses.stop(data, pgDir, GRACE);

      assertThat(stopped).containsExactly("PostgreSQL (pid " + pid + ")");
      ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(10, TimeUnit.SECONDS).join());
      assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
      assertThat(PortCheck.isListening(port)).isFalse();
    } finally {
      postgres.close(); // pg_ctl stop on a stopped cluster only logs
    }
  }
}
