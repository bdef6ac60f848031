package io.lethe.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.infra.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceProcessTest {

  private static final ReadinessProbe PROBE = new ReadinessProbe();

  @TempDir Path dir;

  @Test
  void sigtermStopsAServiceGracefullyAndItsOutputIsInItsLog() throws Exception {
    ServiceLaunch launch = FakeServices.launch("fake", "ready", FreePorts.next(), dir);
    ServiceProcess process = ServiceProcess.start(launch);
    try {
      awaitUp(launch);

      boolean graceful = process.stop(Duration.ofSeconds(20));

      assertThat(graceful).isTrue();
      assertThat(process.isAlive()).isFalse();
      assertThat(process.handle().isAlive()).isFalse();
      assertThat(process.exitCode()).hasValue(128 + 15); // the JVM's exit status after SIGTERM
      assertThat(process.logTail(5)).contains("fake service mode=ready").contains("shutdown:");
    } finally {
      process.kill();
    }
  }

  @Test
  void aServiceThatIgnoresSigtermIsKilledAfterTheGracePeriod() throws Exception {
    ServiceLaunch launch = FakeServices.launch("stubborn", "ignore-term", FreePorts.next(), dir);
    ServiceProcess process = ServiceProcess.start(launch);
    try {
      awaitUp(launch);
      long t0 = System.nanoTime();

      boolean graceful = process.stop(Duration.ofMillis(1500));

      assertThat(graceful).isFalse();
      assertThat(process.isAlive()).isFalse();
      assertThat(process.exitCode()).hasValue(128 + 9); // SIGKILL
      assertThat(Duration.ofNanos(System.nanoTime() - t0))
          .isGreaterThanOrEqualTo(Duration.ofMillis(1500));
    } finally {
      process.kill();
    }
  }

  @Test
  void anEarlierLogIsKeptAsDotOne() throws Exception {
    Path log = dir.resolve("fake.log");
    Files.writeString(log, "previous run\n");
    ServiceProcess process =
        ServiceProcess.start(FakeServices.launch("fake", "die", FreePorts.next(), dir));

    assertThat(process.awaitExit(Duration.ofSeconds(20))).isTrue();
    assertThat(process.exitCode()).hasValue(3);
    assertThat(Files.readString(dir.resolve("fake.log.1"))).isEqualTo("previous run\n");
    assertThat(process.logTail(1)).isEqualTo("fatal: cannot load the model");
  }

  private static void awaitUp(ServiceLaunch launch) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!PROBE.probe(launch.readinessUrl()).isUp()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            launch.name() + " never came up: " + LogTail.of(launch.logFile(), 20));
      }
      Thread.sleep(100);
    }
  }
}
