package io.lethe.ml.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a benchmark must print next to its timings on a shared 2-core machine: the load average
 * (other builds take cores away) and the process's peak resident memory.
 */
public final class MachineStats {

  /**
   * Nominal fp32 peak: 2 cores × 2.7 GHz (the clock {@code /proc/cpuinfo} reports) × 64 FLOP/cycle
   * (two AVX-512 FMA units × 16 fp32 lanes × 2 FLOP). A lower bound of the real peak: the GEMM
   * benchmark has measured up to 361 GFLOP/s, so the cores run above 2.7 GHz under load. (The
   * project's earlier figure, 2.1 GHz → 269 GFLOP/s, is below what a GEMM achieves here.)
   */
  public static final double NOMINAL_FP32_PEAK = 2 * 2.7e9 * 64;

  /**
   * fp32 GEMM rate measured through DJL/libtorch with {@link GemmBenchmark} (n = 1024, 2 threads,
   * median, quiet machine): the practical ceiling for a model made of matrix multiplies.
   */
  public static final double MEASURED_GEMM_PEAK = 343e9;

  private MachineStats() {}

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
