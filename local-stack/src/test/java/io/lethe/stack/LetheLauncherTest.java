package io.lethe.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.infra.FreePorts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LetheLauncherTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final LetheLauncher launcher =
      new LetheLauncher(
          new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8));

  @Test
  void helpPrintsTheUsage() {
    assertThat(launcher.run(List.of("help"))).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("Usage: ./lethe [up|demo|results|status|token|help]")
        .contains("--data-dir DIR")
        .contains("--methods M1,M2,...")
        .contains("--only main|continual");
  }

  @Test
  void aUsageErrorExitsWith2AndExplains() {
    assertThat(launcher.run(List.of("up", "--postgress-port", "1"))).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("lethe: unknown option --postgress-port")
        .contains("Usage:");
  }

  @Test
  void tokenCreatesTheDevelopmentKeysOnceAndPrintsATokenTheyVerify(@TempDir Path data)
      throws Exception {
    assertThat(launcher.run(List.of("token", "--data-dir", data.toString()))).isZero();
    String first = out.toString(StandardCharsets.UTF_8).strip();
    byte[] publicKey = Files.readAllBytes(data.resolve("auth/public-key.pem"));
    assertThat(DevelopmentKeysTest.verifies(data.resolve("auth/public-key.pem"), first)).isTrue();
    assertThat(Files.readString(data.resolve("auth/token")).strip()).isEqualTo(first);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("tenant local");

    out.reset();
    assertThat(launcher.run(List.of("token", "--data-dir", data.toString()))).isZero();
    assertThat(Files.readAllBytes(data.resolve("auth/public-key.pem"))).isEqualTo(publicKey);
    assertThat(DevelopmentKeysTest.verifies(data.resolve("auth/public-key.pem"), first)).isTrue();
  }

  @Test
  void statusOfAStackThatIsNotRunningReportsEveryPartDown() {
    List<String> args = new ArrayList<>(List.of("status"));
    args.addAll(List.of("--postgres-port", Integer.toString(FreePorts.next())));
    args.addAll(List.of("--kafka-port", Integer.toString(FreePorts.next())));
    for (LetheService service : LetheService.values()) {
      args.addAll(
          List.of("--" + service.shortName() + "-port", Integer.toString(FreePorts.next())));
    }

    assertThat(launcher.run(args)).isEqualTo(3);
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(2 + LetheService.values().length);
    assertThat(lines).allSatisfy(line -> assertThat(line).contains(" DOWN "));
    assertThat(lines.get(0)).contains("PostgreSQL").contains("not listening");
    assertThat(lines.get(2)).contains("orchestrator-service").contains("UNREACHABLE");
  }
}
