package io.lethe.ml.bench;

import ai.djl.Device;
import io.lethe.data.encoding.EncodedExample;
import io.lethe.ml.inference.GenerationConfig;
import io.lethe.ml.inference.Generator;
import io.lethe.ml.model.LlamaConfig;
import io.lethe.ml.model.LlamaModel;
import io.lethe.ml.training.AdamWConfig;
import io.lethe.ml.training.CausalLmTrainer;
import io.lethe.ml.training.LinearWarmupDecaySchedule;
import io.lethe.ml.training.StepResult;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Measures the speed of the product model (the {@code tiny} preset) on this machine: forward +
 * backward + AdamW per optimizer step at B×T tokens, model FLOP utilisation, and generation
 * throughput with and without the KV cache. Not a test (tests do not assert wall-clock times); run
 * with {@code exec:java} or a plain java command line.
 *
 * <p>MFU = 6 · N · tokens / time (N = all parameters, the brief's definition) against the nominal
 * fp32 peak of this machine ({@link CpuPeak}, all cores) and against the GEMM rate measured at the
 * start of the run on the same threads ({@link GemmBenchmark#medianFlops}, n = 1024): the ceiling a
 * model made of matrix multiplies can reach here. A second figure adds PaLM's attention term 12 · L
 * · d · T per token.
 *
 * <p>Arguments (all optional): {@code batch seq vocab steps genBatch promptLen newTokens}.
 */
public final class TrainStepBenchmark {

  private TrainStepBenchmark() {}

  public static void main(String[] args) {
    int batch = arg(args, 0, 16);
    int seq = arg(args, 1, 128);
    int vocab = arg(args, 2, 2048);
    int steps = arg(args, 3, 10);
    int genBatch = arg(args, 4, 16);
    int promptLength = arg(args, 5, 32);
    int newTokens = arg(args, 6, 96);

    LlamaConfig config = LlamaConfig.tiny(vocab, 1, 2);
    try (LlamaModel model = LlamaModel.initialize(config, 1234, Device.cpu())) {
      long params = model.parameterCount();
      System.out.printf(
          Locale.ROOT,
          "tiny model: d=%d layers=%d heads=%d/%d ffn=%d vocab=%d params=%,d; device=%s, %d cpus%n",
          config.hiddenSize(),
          config.numHiddenLayers(),
          config.numAttentionHeads(),
          config.numKeyValueHeads(),
          config.intermediateSize(),
          vocab,
          params,
          model.device(),
          Runtime.getRuntime().availableProcessors());

      CpuPeak peak = MachineStats.cpu();
      double gemm = MachineStats.measuredGemmFlops();
      System.out.printf(
          Locale.ROOT,
          "machine: %s; GEMM n=%d on this run's threads: %.1f GFLOP/s%n",
          peak.describe(),
          GemmBenchmark.CALIBRATION_SIZE,
          gemm / 1e9);
      double nominalPeak = peak.flops();

      List<EncodedExample> data = randomBatch(batch, seq, vocab, 99);
      CausalLmTrainer trainer =
          new CausalLmTrainer(
              model, AdamWConfig.defaults(), LinearWarmupDecaySchedule.constant(1e-4), 1.0);
      for (int i = 0; i < 3; i++) {
        trainer.trainStep(List.of(data));
      }
      double[] seconds = new double[steps];
      double[] cpuSeconds = new double[steps];
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      double loss = 0;
      for (int i = 0; i < steps; i++) {
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        StepResult r = trainer.trainStep(List.of(data));
        seconds[i] = (System.nanoTime() - start) / 1e9;
        cpuSeconds[i] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        loss = r.loss();
      }
      double median = median(seconds);
      long tokens = (long) batch * seq;
      double flops6n = 6.0 * params * tokens;
      double attention = 12.0 * config.numHiddenLayers() * config.hiddenSize() * seq * tokens;
      System.out.printf(
          Locale.ROOT,
          "train step B=%d T=%d (fwd+bwd+AdamW, %d timed after 3 warm-up): median %.1f ms/step (min %.1f, max %.1f),"
              + " %.0f tokens/s, loss %.3f%n",
          batch,
          seq,
          steps,
          median * 1e3,
          min(seconds) * 1e3,
          max(seconds) * 1e3,
          tokens / median,
          loss);
      for (String label : new String[] {"median", "best"}) {
        double t = label.equals("median") ? median : min(seconds);
        System.out.printf(
            Locale.ROOT,
            "  %s step: 6N %.1f GFLOP/s = MFU %.1f%% of nominal %.0f GFLOP/s, %.1f%% of measured GEMM"
                + " %.0f GFLOP/s; 6N + attention (12·L·d·T per token) %.1f GFLOP/s = %.1f%% / %.1f%%%n",
            label,
            flops6n / t / 1e9,
            100 * flops6n / t / nominalPeak,
            nominalPeak / 1e9,
            100 * flops6n / t / gemm,
            gemm / 1e9,
            (flops6n + attention) / t / 1e9,
            100 * (flops6n + attention) / t / nominalPeak,
            100 * (flops6n + attention) / t / gemm);
      }
      // with 1 PyTorch thread every op runs on this thread: its CPU time is the step's work without
      // the time other processes took the core away (a load-robust figure on a shared machine)
      System.out.printf(
          Locale.ROOT,
          "  calling-thread CPU time per step: median %.1f ms (min %.1f)%n",
          median(cpuSeconds) * 1e3,
          min(cpuSeconds) * 1e3);
      System.out.printf(
          Locale.ROOT, "  load average while measuring: %s%n", MachineStats.loadAverage());

      model.setTrainable(false);
      Generator generator = new Generator(model);
      List<int[]> prompts = new ArrayList<>();
      for (EncodedExample e : randomBatch(genBatch, promptLength, vocab, 7)) {
        prompts.add(e.inputIds());
      }
      GenerationConfig greedy = GenerationConfig.greedy(newTokens).withEosIds(Set.of(-1));
      generator.generate(prompts, GenerationConfig.greedy(8).withEosIds(Set.of(-1)));
      long start = System.nanoTime();
      generator.generate(prompts, greedy);
      double cached = (System.nanoTime() - start) / 1e9;
      start = System.nanoTime();
      generator.generate(prompts, greedy.withKvCache(false));
      double uncached = (System.nanoTime() - start) / 1e9;
      long generated = (long) genBatch * newTokens;
      System.out.printf(
          Locale.ROOT,
          "generation B=%d prompt=%d new=%d greedy: KV cache %.0f tokens/s (%.2f s), no cache %.0f tokens/s (%.2f s),"
              + " speed-up %.1fx%n",
          genBatch,
          promptLength,
          newTokens,
          generated / cached,
          cached,
          generated / uncached,
          uncached,
          uncached / cached);
    }
    System.out.println("peak RSS: " + MachineStats.peakRss());
  }

  static List<EncodedExample> randomBatch(int batch, int seq, int vocab, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<EncodedExample> out = new ArrayList<>();
    for (int b = 0; b < batch; b++) {
      int[] ids = new int[seq];
      for (int t = 0; t < seq; t++) {
        ids[t] = t == 0 ? 1 : 3 + random.nextInt(vocab - 3);
      }
      int[] mask = new int[seq];
      Arrays.fill(mask, 1);
      int[] labels = ids.clone();
      labels[0] = EncodedExample.IGNORE;
      out.add(new EncodedExample(ids, mask, labels));
    }
    return out;
  }

  private static int arg(String[] args, int i, int fallback) {
    return args.length > i ? Integer.parseInt(args[i]) : fallback;
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static double min(double[] v) {
    return Arrays.stream(v).min().orElse(Double.NaN);
  }

  private static double max(double[] v) {
    return Arrays.stream(v).max().orElse(Double.NaN);
  }
}
