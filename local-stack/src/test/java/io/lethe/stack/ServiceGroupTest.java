package io.lethe.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.infra.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceGroupTest {

  private static final Duration GRACE = Duration.ofSeconds(10);

  @TempDir Path dir;

  @Test
  void waitsUntilEveryServiceIsReadyAndStopsThemAll() {
    ServiceGroup group =
        ServiceGroup.start(
            List.of(
                FakeServices.launch("alpha", "ready", FreePorts.next(), dir),
                FakeServices.launch("beta", "ready", FreePorts.next(), dir)),
            GRACE);
    try {
      group.awaitReady(Duration.ofSeconds(30), () -> false);

      assertThat(group.processes()).allMatch(ServiceProcess::isAlive);
      List<String> killed = group.stop(GRACE);

      assertThat(killed).isEmpty();
      assertThat(group.processes()).noneMatch(p -> p.handle().isAlive());
    } finally {
      group.stop(Duration.ZERO);
    }
  }

  @Test
  void aServiceThatDiesIsNamedWithTheTailOfItsLog() {
    ServiceGroup group =
        ServiceGroup.start(
            List.of(
                FakeServices.launch("healthy", "ready", FreePorts.next(), dir),
                FakeServices.launch("trainer-service", "die", FreePorts.next(), dir)),
            GRACE);
    try {
      assertThatThrownBy(() -> group.awaitReady(Duration.ofSeconds(30), () -> false))
          .isInstanceOf(StackStartException.class)
          .hasMessageStartingWith("trainer-service exited with code 3 before it was ready")
          .hasMessageContaining("trainer-service.log")
          .hasMessageContaining("  | fatal: cannot load the model");
    } finally {
      group.stop(GRACE);
    }
  }

  @Test
  void aServiceThatNeverGetsReadyTimesOutWithItsFailingCheck() {
    ServiceGroup group =
        ServiceGroup.start(
            List.of(FakeServices.launch("generator-service", "never-ready", FreePorts.next(), dir)),
            GRACE);
    try {
      assertThatThrownBy(() -> group.awaitReady(Duration.ofSeconds(3), () -> false))
          .isInstanceOf(StackStartException.class)
          .hasMessageStartingWith("generator-service not ready after 3 s.")
          .hasMessageContaining("/q/health/ready -> ")
          .hasMessageContaining("generator-service.log")
          .hasMessageContaining("fake service mode=never-ready");
    } finally {
      group.stop(GRACE);
    }
  }

  @Test
  void aStopRequestEndsTheWait() {
    ServiceGroup group =
        ServiceGroup.start(
            List.of(FakeServices.launch("slow", "never-ready", FreePorts.next(), dir)), GRACE);
    try {
      assertThatThrownBy(() -> group.awaitReady(Duration.ofSeconds(60), () -> true))
          .hasMessageContaining("startup cancelled");
    } finally {
      group.stop(GRACE);
    }
  }

  @Test
  void anExitAfterStartupIsReportedButAStopIsNot() throws Exception {
    ServiceGroup group =
        ServiceGroup.start(
            List.of(
                FakeServices.launch("crashing", "ready", FreePorts.next(), dir),
                FakeServices.launch("steady", "ready", FreePorts.next(), dir)),
            GRACE);
    try {
      group.awaitReady(Duration.ofSeconds(30), () -> false);
      List<String> reported = new CopyOnWriteArrayList<>();
      CompletableFuture<Void> crashReported = new CompletableFuture<>();
      group.onUnexpectedExit(
          p -> {
            reported.add(p.name());
            crashReported.complete(null);
          });

      group.processes().get(0).kill(); // a crash, as far as the group knows
      crashReported.get(10, TimeUnit.SECONDS);
      group.stop(GRACE);
      // a callback for "steady" would run right after its exit; give it the chance to (wrongly)
      // fire
      Thread.sleep(300);

      assertThat(group.processes().get(1).isAlive()).isFalse();
      assertThat(reported).containsExactly("crashing");
    } finally {
      group.stop(Duration.ZERO);
    }
  }

  @Test
  void aKilledServiceIsRestartedWithItsLaunchAndTheKillIsNotACrash() throws Exception {
    int port = FreePorts.next();
    ServiceGroup group =
        ServiceGroup.start(
            List.of(FakeServices.launch("trainer-service", "ready", port, dir)), GRACE);
    try {
      group.awaitReady(Duration.ofSeconds(30), () -> false);
      List<String> reported = new CopyOnWriteArrayList<>();
      CompletableFuture<Void> crashReported = new CompletableFuture<>();
      group.onUnexpectedExit(
          p -> {
            reported.add(p.name());
            crashReported.complete(null);
          });
      ServiceProcess first = group.process("trainer-service");

      group.kill("trainer-service");
      assertThat(first.isAlive()).isFalse();
      assertThatThrownBy(() -> group.restart("nobody", GRACE))
          .hasMessageContaining("no service named nobody");

      ServiceProcess second = group.restart("trainer-service", Duration.ofSeconds(30));

      assertThat(second.pid()).isNotEqualTo(first.pid());
      assertThat(second.isAlive()).isTrue();
      assertThat(second.launch()).isEqualTo(first.launch());
      assertThat(group.processes()).containsExactly(second);
      assertThatThrownBy(() -> group.restart("trainer-service", GRACE))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("still running");
      // the restarted process is watched like the first: a crash of it is reported
      second.kill();
      crashReported.get(10, TimeUnit.SECONDS);
      assertThat(reported).containsExactly("trainer-service");
    } finally {
      group.stop(Duration.ZERO);
    }
  }
}
