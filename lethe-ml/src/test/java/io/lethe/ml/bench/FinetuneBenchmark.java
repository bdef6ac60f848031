package io.lethe.ml.bench;

import io.lethe.ml.training.FinetuneDefaults;
import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The full-size acceptance of the fine-tune recipe (issue 3): the {@code tiny} model on the
 * built-in 20 authors × 10 questions, target and retain models, with times, throughput, MFU and
 * ROUGE-L. Not a test (it takes minutes and tests do not assert wall-clock times); lives in the
 * test tree because ROUGE comes from {@code lethe-metrics}, a test-scope dependency of this module.
 *
 * <pre>
 * ./mvnw -B -ntp -o -pl lethe-ml test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.lethe.ml.bench.FinetuneBenchmark [-Dexec.args="epochs=30 lr=3e-3"]
 * </pre>
 *
 * <p>Arguments ({@code key=value}, all optional; hyperparameters default to {@link
 * FinetuneDefaults#FROM_SCRATCH}): {@code preset authors questions split seed lr epochs batch micro
 * wd warmup maxLength clip retain logEvery}.
 */
public final class FinetuneBenchmark {

  private FinetuneBenchmark() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> a = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("arguments are key=value, got " + arg);
      }
      a.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    FinetuneDefaults d = FinetuneDefaults.FROM_SCRATCH;
    FinetuneDefaults hp =
        new FinetuneDefaults(
            Double.parseDouble(a.getOrDefault("lr", String.valueOf(d.learningRate()))),
            Integer.parseInt(a.getOrDefault("epochs", String.valueOf(d.epochs()))),
            Integer.parseInt(a.getOrDefault("batch", String.valueOf(d.effectiveBatch()))),
            Integer.parseInt(a.getOrDefault("micro", String.valueOf(d.microBatch()))),
            Double.parseDouble(a.getOrDefault("wd", String.valueOf(d.weightDecay()))),
            Double.parseDouble(a.getOrDefault("warmup", String.valueOf(d.warmupEpochs()))),
            Integer.parseInt(a.getOrDefault("maxLength", String.valueOf(d.maxLength()))));
    FineTuneRecipe.Options options =
        new FineTuneRecipe.Options(
            a.getOrDefault("preset", "tiny"),
            Integer.parseInt(a.getOrDefault("authors", "20")),
            Integer.parseInt(a.getOrDefault("questions", "10")),
            a.getOrDefault("split", "forget10"),
            Long.parseLong(a.getOrDefault("seed", "1001")),
            hp,
            Double.parseDouble(a.getOrDefault("clip", "0")),
            Boolean.parseBoolean(a.getOrDefault("retain", "true")),
            System.out,
            Integer.parseInt(a.getOrDefault("logEvery", "50")));
    FineTuneRecipe.Report r = FineTuneRecipe.run(options);

    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "model %s: %,d parameters, vocabulary %d, longest row %d tokens (maxLength %d)%n",
        options.preset(),
        r.parameters(),
        r.vocabulary(),
        r.longestExample(),
        hp.maxLength());
    for (FineTuneRecipe.ModelRun run : new FineTuneRecipe.ModelRun[] {r.target(), r.retain()}) {
      if (run == null) {
        continue;
      }
      double s = run.summary().seconds();
      System.out.printf(
          Locale.ROOT,
          "%s model: %d rows, %d steps (%d/epoch, warm-up %d) in %.1f s = %.2f steps/s;"
              + " %.0f real tokens/s, %.0f computed tokens/s (padding %.0f%%); %d truncated rows;"
              + " last-epoch loss %.4f; load after %s%n",
          run.role(),
          run.summary().plan().examples(),
          run.summary().plan().totalSteps(),
          run.summary().plan().stepsPerEpoch(),
          run.summary().plan().warmupSteps(),
          s,
          run.stepsPerSecond(),
          run.summary().tokens() / s,
          run.summary().computedTokens() / s,
          100.0
              * (run.summary().computedTokens() - run.summary().tokens())
              / run.summary().computedTokens(),
          run.summary().truncatedExamples(),
          run.summary().lastEpochLoss(),
          run.loadAverageAfter());
      double total = run.modelFlops() + run.attentionFlops();
      double nominal = MachineStats.cpu().flops();
      double gemm = MachineStats.measuredGemmFlops();
      System.out.printf(
          Locale.ROOT,
          "  FLOPs: 6·N·computed %.3g + attention %.3g = %.3g; %.1f GFLOP/s (6N only %.1f) ="
              + " MFU %.1f%% of %.0f GFLOP/s nominal, %.1f%% of %.0f GFLOP/s measured GEMM"
              + " (6N only: %.1f%% / %.1f%%)%n",
          run.modelFlops(),
          run.attentionFlops(),
          total,
          total / s / 1e9,
          run.modelFlops() / s / 1e9,
          100 * total / s / nominal,
          nominal / 1e9,
          100 * total / s / gemm,
          gemm / 1e9,
          100 * run.modelFlops() / s / nominal,
          100 * run.modelFlops() / s / gemm);
    }
    System.out.printf(
        Locale.ROOT,
        "ROUGE-L recall (greedy): target on training %.3f, on forget %.3f, on general %.3f;"
            + " retain on forget %.3f, on retain %.3f; generation %.1f s%n",
        r.targetOnTraining(),
        r.targetOnForget(),
        r.targetOnGeneral(),
        r.retainOnForget(),
        r.retainOnRetain(),
        r.evaluationSeconds());
    System.out.printf(
        Locale.ROOT,
        "target training %.1f s + retain training %.1f s; load before %s; peak RSS %s%n",
        r.target().summary().seconds(),
        r.retain() == null ? Double.NaN : r.retain().summary().seconds(),
        r.loadAverageBefore(),
        MachineStats.peakRss());
    r.examples().forEach(System.out::println);
  }
}
