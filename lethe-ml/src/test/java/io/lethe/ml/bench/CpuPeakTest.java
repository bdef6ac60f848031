package io.lethe.ml.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CpuPeakTest {

  /** The first processor block of the two kinds of machine this project has run on (trimmed). */
  private static final String AMD =
      """
      processor\t: 0
      vendor_id\t: AuthenticAMD
      cpu family\t: 26
      model\t\t: 2
      model name\t: AMD EPYC
      cpu MHz\t\t: 2095.991
      flags\t\t: fpu sse2 avx fma avx2 avx512f avx512dq avx512bw avx512vl avx512_bf16

      processor\t: 1
      model name\t: another CPU
      """;

  private static final String INTEL =
      """
      processor\t: 0
      cpu family\t: 6
      model\t\t: 167
      model name\t: Intel(R) Xeon(R) Processor
      cpu MHz\t\t: 2700.000
      flags\t\t: fpu sse2 avx fma avx2 avx512f
      """;

  @Test
  void readsTheFirstProcessorAndCountsTwoAvx512FmaPipes() {
    CpuPeak amd = CpuPeak.parse(AMD, 2, null);
    assertEquals("AMD EPYC, family 26 model 2", amd.cpu());
    assertEquals(64, amd.flopsPerCycle());
    // 2 cores × 2095.991 MHz × 64 = 268.29 GFLOP/s
    assertEquals(268.287e9, amd.flops(), 1e6);
    assertTrue(amd.describe().contains("nominal 268 GFLOP/s"), amd.describe());

    CpuPeak intel = CpuPeak.parse(INTEL, 2, null);
    assertEquals(345.6e9, intel.flops(), 1e6);
  }

  @Test
  void avx2WithoutAvx512CountsTwo256BitPipesAndTheOperatorMayOverride() {
    String avx2 = "model name\t: x\ncpu MHz\t\t: 1000\nflags\t\t: sse2 avx avx2 fma\n";
    assertEquals(32, CpuPeak.parse(avx2, 1, null).flopsPerCycle());
    assertEquals(8, CpuPeak.parse("cpu MHz : 1000\nflags : sse2\n", 1, null).flopsPerCycle());
    // Zen 4 runs AVX-512 on 256-bit halves: the operator says so
    CpuPeak zen4 = CpuPeak.parse(AMD, 2, "32");
    assertEquals(32, zen4.flopsPerCycle());
    assertTrue(zen4.isa().contains(CpuPeak.FLOPS_PER_CYCLE_PROPERTY));
  }
}
