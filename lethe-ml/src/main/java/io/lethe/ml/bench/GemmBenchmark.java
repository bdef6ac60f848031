package io.lethe.ml.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Locale;

/**
 * Measures the fp32 matrix-multiply rate this machine actually delivers through DJL/libtorch — the
 * practical ceiling that model FLOP utilisation is read against, next to the nominal peak of {@link
 * CpuPeak} (read off this machine's {@code /proc/cpuinfo}).
 *
 * <p>For each size n, C = A·B of two n×n random matrices counts 2n³ FLOP; the median of the timed
 * repetitions (after warm-up) is reported. Arguments (optional): {@code sizes} as a comma list and
 * {@code repetitions}; the thread count is {@code -Dai.djl.pytorch.num_threads}.
 */
public final class GemmBenchmark {

  /** The size other benchmarks calibrate against: large enough to be GEMM-bound, 2 GFLOP a run. */
  public static final int CALIBRATION_SIZE = 1024;

  private GemmBenchmark() {}

  public static void main(String[] args) {
    int[] sizes =
        Arrays.stream((args.length > 0 ? args[0] : "256,512,1024,2048").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    CpuPeak peak = CpuPeak.detect();
    System.out.printf(
        Locale.ROOT,
        "DJL %s engine %s, PyTorch threads %s; %s; load %s%n",
        Engine.getDjlVersion(),
        Engine.getInstance().getEngineName(),
        System.getProperty("ai.djl.pytorch.num_threads", "default"),
        peak.describe(),
        MachineStats.loadAverage());
    try (NDManager manager = NDManager.newBaseManager()) {
      manager.getEngine().setRandomSeed(42);
      for (int n : sizes) {
        double[] seconds = timings(manager, n, repetitions);
        double median = seconds[repetitions / 2];
        double flop = 2.0 * n * n * n;
        System.out.printf(
            Locale.ROOT,
            "n=%5d: median %.2f ms = %.1f GFLOP/s (best %.1f) = %.0f%% of %.0f GFLOP/s nominal%n",
            n,
            median * 1e3,
            flop / median / 1e9,
            flop / seconds[0] / 1e9,
            100 * flop / median / peak.flops(),
            peak.flops() / 1e9);
      }
    }
    System.out.printf(Locale.ROOT, "load after %s%n", MachineStats.loadAverage());
  }

  /**
   * The median fp32 GEMM rate in FLOP/s at size n on the engine's current thread setting: what a
   * benchmark measures next to its own timings, on the same machine and threads, instead of a
   * number copied from another run.
   */
  public static double medianFlops(NDManager manager, int n, int repetitions) {
    double[] seconds = timings(manager, n, repetitions);
    return 2.0 * n * n * n / seconds[repetitions / 2];
  }

  /** Sorted seconds of {@code repetitions} timed n×n products after 3 warm-up products. */
  private static double[] timings(NDManager manager, int n, int repetitions) {
    try (NDManager m = manager.newSubManager()) {
      NDArray a = m.randomNormal(new Shape(n, n));
      NDArray b = m.randomNormal(new Shape(n, n));
      for (int i = 0; i < 3; i++) {
        a.matMul(b).close();
      }
      double[] seconds = new double[repetitions];
      for (int i = 0; i < repetitions; i++) {
        long start = System.nanoTime();
        NDArray c = a.matMul(b);
        seconds[i] = (System.nanoTime() - start) / 1e9;
        c.close();
      }
      Arrays.sort(seconds);
      return seconds;
    }
  }
}
