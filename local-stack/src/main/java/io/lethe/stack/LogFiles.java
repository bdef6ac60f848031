package io.lethe.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Log-file housekeeping: each run writes a fresh log, and the previous run's stays next to it for
 * comparison.
 */
final class LogFiles {

  private LogFiles() {}

  /** Creates the parent directory and moves an existing {@code name.log} to {@code name.log.1}. */
  static void rotate(Path log) {
    try {
      Files.createDirectories(log.getParent());
      if (Files.exists(log)) {
        Files.move(
            log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare log file " + log, e);
    }
  }
}
