package io.lethe.ml.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The nominal fp32 peak of the machine a benchmark runs on, read off {@code /proc/cpuinfo} at run
 * time — never a constant: the sessions of this project have run on an Intel Xeon at 2.7 GHz and on
 * an AMD EPYC (Zen 5) at 2.1 GHz behind the same "2 cores" label, and an MFU computed against the
 * other machine's peak is off by a quarter.
 *
 * <p>peak = cores × clock × fp32 FLOP per cycle per core. The clock is the {@code cpu MHz} a guest
 * sees (the TSC/base clock; turbo can exceed it, so a GEMM may run slightly above this "peak").
 * FLOP per cycle comes from the vector ISA: with {@code avx512f}, two 512-bit FMA pipes × 16 lanes
 * × 2 = 64; with {@code avx2}+{@code fma}, two 256-bit pipes = 32; otherwise 8 (SSE: 4 lanes × add
 * + mul). The flags cannot show how many FMA pipes a core has or whether AVX-512 runs on 256-bit
 * halves (Zen 4 does, Zen 5 server parts and Xeon Gold/Platinum do not), so this is the optimistic
 * reading; set {@code -Dlethe.bench.fp32FlopsPerCycle=N} where the part is known to differ. The
 * measured GEMM rate ({@link GemmBenchmark#medianFlops}) is the practical ceiling next to it.
 *
 * @param cpu the model name, family and model ({@code AMD EPYC, family 26 model 2})
 * @param cores logical CPUs this JVM may use
 * @param mhz the clock {@code /proc/cpuinfo} reports
 * @param flopsPerCycle fp32 FLOP per cycle per core (see above)
 * @param isa the widest vector ISA found ({@code avx512}, {@code avx2}, {@code sse})
 */
public record CpuPeak(String cpu, int cores, double mhz, int flopsPerCycle, String isa) {

  /** Overrides the FLOP-per-cycle reading of the flags. */
  public static final String FLOPS_PER_CYCLE_PROPERTY = "lethe.bench.fp32FlopsPerCycle";

  /** Nominal fp32 peak of all {@link #cores} in FLOP/s. */
  public double flops() {
    return cores * mhz * 1e6 * flopsPerCycle;
  }

  /** One line for a benchmark's header. */
  public String describe() {
    return String.format(
        Locale.ROOT,
        "%s; %d cores × %.0f MHz × %d fp32 FLOP/cycle (%s) = nominal %.0f GFLOP/s",
        cpu,
        cores,
        mhz,
        flopsPerCycle,
        isa,
        flops() / 1e9);
  }

  /** This machine, from {@code /proc/cpuinfo}. */
  public static CpuPeak detect() {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    String text;
    try {
      text = Files.exists(cpuinfo) ? Files.readString(cpuinfo) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return parse(
        text,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty(FLOPS_PER_CYCLE_PROPERTY));
  }

  /**
   * Reads the first processor block of a {@code /proc/cpuinfo} text.
   *
   * @param override FLOP per cycle given by the operator, or null to read the flags
   */
  static CpuPeak parse(String cpuinfo, int cores, String override) {
    String name = field(cpuinfo, "model name", "unknown CPU");
    String family = field(cpuinfo, "cpu family", "?");
    String model = field(cpuinfo, "model", "?");
    double mhz = Double.parseDouble(field(cpuinfo, "cpu MHz", "0"));
    Set<String> flags = new HashSet<>(Arrays.asList(field(cpuinfo, "flags", "").split("\\s+")));
    String isa;
    int perCycle;
    if (flags.contains("avx512f")) {
      isa = "avx512";
      perCycle = 64;
    } else if (flags.contains("avx2") && flags.contains("fma")) {
      isa = "avx2";
      perCycle = 32;
    } else {
      isa = "sse";
      perCycle = 8;
    }
    if (override != null && !override.isBlank()) {
      perCycle = Integer.parseInt(override.trim());
      isa = isa + ", FLOP/cycle set by " + FLOPS_PER_CYCLE_PROPERTY;
    }
    String cpu = name + ", family " + family + " model " + model;
    return new CpuPeak(cpu, cores, mhz, perCycle, isa);
  }

  /** The value of the first {@code key : value} line whose key is exactly {@code key}. */
  private static String field(String cpuinfo, String key, String fallback) {
    return cpuinfo
        .lines()
        .map(l -> l.split(":", 2))
        .filter(kv -> kv.length == 2 && kv[0].trim().equals(key))
        .map(kv -> kv[1].trim())
        .findFirst()
        .orElse(fallback);
  }
}
