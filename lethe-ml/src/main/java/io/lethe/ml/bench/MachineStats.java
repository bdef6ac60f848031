package io.lethe.ml.bench;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a benchmark must print next to its timings on a shared 2-core machine: the load average
 * (other builds take cores away) and the process's peak resident memory.
 */
public final class MachineStats {

  private static double measuredGemm = Double.NaN;

  private MachineStats() {}

  /** The nominal fp32 peak of the machine this JVM runs on ({@code /proc/cpuinfo}). */
  public static CpuPeak cpu() {
    return CpuPeak.detect();
  }

  /**
   * The fp32 GEMM rate (FLOP/s, n = {@value GemmBenchmark#CALIBRATION_SIZE}, median of 10) measured
   * once per JVM on the engine's thread setting: the practical ceiling an MFU is read against,
   * taken on the machine and threads of the benchmark that quotes it rather than copied from
   * another run (the project has run on more than one kind of CPU).
   */
  public static synchronized double measuredGemmFlops() {
    if (Double.isNaN(measuredGemm)) {
      try (NDManager manager = NDManager.newBaseManager()) {
        measuredGemm = GemmBenchmark.medianFlops(manager, GemmBenchmark.CALIBRATION_SIZE, 10);
      }
    }
    return measuredGemm;
  }

  /** The 1/5/15-minute load averages from {@code /proc/loadavg}, or {@code n/a}. */
  public static String loadAverage() {
    String line = read("/proc/loadavg");
    if (line == null) {
      return "n/a";
    }
    String[] fields = line.trim().split("\\s+");
    return fields[0] + " " + fields[1] + " " + fields[2];
  }

  /** Peak resident set size ({@code VmHWM} of {@code /proc/self/status}), or {@code n/a}. */
  public static String peakRss() {
    String status = read("/proc/self/status");
    if (status == null) {
      return "n/a";
    }
    return status
        .lines()
        .filter(l -> l.startsWith("VmHWM"))
        .map(l -> l.substring(6).trim())
        .findFirst()
        .orElse("n/a");
  }

  private static String read(String file) {
    Path path = Path.of(file);
    if (!Files.exists(path)) {
      return null;
    }
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
