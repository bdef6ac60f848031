package io.lethe.stack.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * How a results run went, for the record in RESULTS.md.
 *
 * @param command the command line as typed
 * @param commit the repository's commit (with {@code -dirty} when it had uncommitted changes)
 * @param startedAt when it started (ISO-8601, UTC)
 * @param wallSeconds stack start to the last report, in seconds
 * @param load one-minute load averages sampled while jobs ran: min, mean, max
 * @param cores available processors
 * @param dataset what the data was, in words
 * @param javaVersion the JVM's version
 * @param cpu the CPU the stack ran on ({@link #thisCpu()}): the project's "2 cores" have been more
 *     than one kind of CPU, with different speeds and GEMM kernels (docs/BENCHMARKS.md, "Two
 *     machines behind one kind"), so a result says where it was computed
 */
public record RunInfo(
    String command,
    String commit,
    String startedAt,
    long wallSeconds,
    double[] load,
    int cores,
    String dataset,
    String javaVersion,
    String cpu) {

  /** Recorded for runs stored before the CPU was. */
  public static final String CPU_NOT_RECORDED = "not recorded";

  /**
   * What the data was, without how the reference models were obtained (the description's first
   * clause): reports of the same data agree on it, whichever run built the models.
   */
  public String dataKey() {
    return dataKeyOf(dataset);
  }

  /** {@link #dataKey()} of a data description. */
  public static String dataKeyOf(String dataset) {
    int cut = dataset.indexOf(';');
    return (cut < 0 ? dataset : dataset.substring(0, cut)).trim();
  }

  /** {@code min 2.76 / mean 9.25 / max 18.70 on 2 cores}. */
  public String loadSummary() {
    return String.format(
        Locale.ROOT,
        "min %.2f / mean %.2f / max %.2f on %d cores",
        load[0],
        load[1],
        load[2],
        cores);
  }

  /** {@code 27 min 04 s}. */
  public String wallTime() {
    return String.format("%d min %02d s", wallSeconds / 60, wallSeconds % 60);
  }

  /**
   * This machine's CPU as {@code /proc/cpuinfo} names it ({@code AMD EPYC, family 26 model 2}). The
   * launcher has no ML dependency, so it reads the three fields itself rather than through
   * lethe-ml's {@code CpuPeak}.
   */
  public static String thisCpu() {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (!Files.isReadable(cpuinfo)) {
      return System.getProperty("os.arch");
    }
    try {
      List<String> lines = Files.readAllLines(cpuinfo);
      return field(lines, "model name")
          + ", family "
          + field(lines, "cpu family")
          + " model "
          + field(lines, "model");
    } catch (IOException e) {
      return System.getProperty("os.arch");
    }
  }

  private static String field(List<String> lines, String key) {
    return lines.stream()
        .map(l -> l.split(":", 2))
        .filter(kv -> kv.length == 2 && kv[0].trim().equals(key))
        .map(kv -> kv[1].trim())
        .findFirst()
        .orElse("?");
  }
}
