package io.lethe.metrics.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line table and its exit codes. */
class TofuAggregateCommandTest {

  @TempDir Path dir;

  @Test
  void printsPerSetScoresUtilityAndForgetQuality() throws IOException {
    Path log = dir.resolve("eval_log_aggregated.json");
    try (InputStream in = getClass().getResourceAsStream("/offline/tiny_eval_log.json")) {
      Files.copy(in, log, StandardCopyOption.REPLACE_EXISTING);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        TofuAggregateCommand.run(
            new String[] {log.toString(), log.toString()}, print(out), print(err));
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(code).isZero();
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(text)
        .contains("Retain")
        .contains("0.750000")
        .contains("tofu.model_utility@1 = 0.000000")
        .contains("tofu.forget_quality@1 = 1.000000e+00")
        .contains("n = 2/2, exact");
  }

  @Test
  void wrongArgumentsPrintUsage() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        TofuAggregateCommand.run(
            new String[] {"one"}, print(new ByteArrayOutputStream()), print(err));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("usage:");
  }

  @Test
  void unreadableLogFails() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Path missing = dir.resolve("missing.json");
    int code =
        TofuAggregateCommand.run(
            new String[] {missing.toString(), missing.toString()},
            print(new ByteArrayOutputStream()),
            print(err));
    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot aggregate");
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }
}
