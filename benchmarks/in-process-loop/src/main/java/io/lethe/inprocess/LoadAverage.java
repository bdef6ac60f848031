package io.lethe.inprocess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load, printed with every measurement taken on a shared machine. */
final class LoadAverage {

  private static final Path PROC = Path.of("/proc/loadavg");

  private LoadAverage() {}

  /** The 1-minute load average, or NaN where {@code /proc/loadavg} does not exist. */
  static double oneMinute() {
    try {
      return Double.parseDouble(Files.readString(PROC).trim().split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** The 1-, 5- and 15-minute averages as {@code /proc/loadavg} has them. */
  static String all() {
    try {
      return Files.readString(PROC).trim();
    } catch (IOException e) {
      return "unavailable";
    }
  }
}
