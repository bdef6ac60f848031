package io.lethe.stack;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real thing: PostgreSQL, Kafka and the four built services, started, checked (the job API with
 * the printed development token), stopped and restarted on the same data directory. Skipped (with
 * the reason) until the service modules have been packaged, which {@code ./mvnw verify} does before
 * this module.
 */
class LocalStackTest {

  @TempDir Path tmp;

  @Test
  void theFourServicesComeUpStopCleanlyAndARestartKeepsTheData() throws Exception {
    Path repo = RepositoryRoot.locate().orElseThrow();
    List<Path> missing =
        Stream.of(LetheService.values())
            .map(s -> s.runnableJar(repo))
            .filter(jar -> !Files.isRegularFile(jar))
            .collect(Collectors.toList());
    assumeTrue(
        missing.isEmpty(),
        "service jars not built (run ./mvnw -B -ntp package on the service modules first): "
            + missing);

    StackConfig config =
        StackAssertions.onFreePorts(StackConfig.builder(repo))
            .dataDirectory(tmp.resolve("data"))
            .readyTimeout(Duration.ofSeconds(120))
            .stopGrace(Duration.ofSeconds(20))
            .build();
    PersistenceProbe probe = new PersistenceProbe("survives-a-restart");

    List<ProcessHandle> services;
    Duration stopTime;
    String firstToken;
    try (LocalStack stack = LocalStack.start(config)) {
      StackEndpoints endpoints = stack.endpoints();
      System.out.println("first start: " + stack.startupTimings().summary());
      StackAssertions.allServicesReady(endpoints);
      StackAssertions.orchestratorSeesDatabaseAndKafka(endpoints);
      firstToken = endpoints.apiToken();
      StackAssertions.jobApiRequires(endpoints, firstToken);
      services = stack.serviceProcesses();
      probe.write(endpoints);
      stopTime = stack.stop();
    }
    System.out.println("stop: " + StartupTimings.seconds(stopTime));
    StackAssertions.nothingLeftRunning(config, services);

    try (LocalStack restarted = LocalStack.start(config)) {
      System.out.println("restart: " + restarted.startupTimings().summary());
      StackAssertions.allServicesReady(restarted.endpoints());
      StackAssertions.orchestratorSeesDatabaseAndKafka(restarted.endpoints());
      probe.assertStillThere(restarted.endpoints());
      // the key pair was reused: the token printed by the first start still works
      StackAssertions.jobApiRequires(restarted.endpoints(), firstToken);
      services = restarted.serviceProcesses();
      System.out.println("second stop: " + StartupTimings.seconds(restarted.stop()));
    }
    StackAssertions.nothingLeftRunning(config, services);
  }
}
