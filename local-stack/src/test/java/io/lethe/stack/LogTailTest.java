package io.lethe.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {

  @TempDir Path dir;

  @Test
  void returnsTheLastLinesWithoutTrailingBlankOnes() throws IOException {
    Path log = Files.writeString(dir.resolve("a.log"), "one\ntwo\nthree\nfour\n\n");

    assertThat(LogTail.of(log, 2)).isEqualTo("three\nfour");
    assertThat(LogTail.of(log, 10)).isEqualTo("one\ntwo\nthree\nfour");
  }

  @Test
  void aLargeFileIsReadFromItsEndAndTheCutFirstLineIsDropped() throws IOException {
    // 20 000 lines "line00000".."line19999" of 10 bytes with their newline (the last has none):
    // 199 999 bytes. The 65 536-byte window starts at byte 134 463, inside line 13 446 ("e13446"),
    // so the tail starts at line 13 447 and holds 20 000 - 13 447 = 6 553 lines.
    String text =
        IntStream.range(0, 20_000)
            .mapToObj(i -> String.format("line%05d", i))
            .collect(Collectors.joining("\n"));
    Path log = Files.writeString(dir.resolve("big.log"), text);

    assertThat(LogTail.of(log, 3)).isEqualTo("line19997\nline19998\nline19999");
    String all = LogTail.of(log, 100_000);
    assertThat(all.lines().findFirst()).contains("line13447");
    assertThat(all.lines().count()).isEqualTo(6_553);
  }

  @Test
  void missingAndEmptyFilesAreSaidSo() throws IOException {
    Path empty = Files.createFile(dir.resolve("empty.log"));

    assertThat(LogTail.of(dir.resolve("none.log"), 5)).startsWith("(no log at ");
    assertThat(LogTail.of(empty, 5)).endsWith("is empty)");
  }
}
