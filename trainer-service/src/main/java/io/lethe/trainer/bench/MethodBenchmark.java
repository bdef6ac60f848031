package io.lethe.trainer.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import io.lethe.data.BenchmarkSource;
import io.lethe.data.QaPair;
import io.lethe.data.UnlearningBenchmark;
import io.lethe.data.encoding.ExampleEncoder;
import io.lethe.data.encoding.PromptTemplate;
import io.lethe.data.sampling.ForgetItemSampler;
import io.lethe.data.text.ByteLevelBpeTrainer;
import io.lethe.data.text.HfTextTokenizer;
import io.lethe.ml.bench.MachineStats;
import io.lethe.ml.model.LlamaConfig;
import io.lethe.ml.model.LlamaModel;
import io.lethe.ml.training.AdamW;
import io.lethe.ml.training.AdamWConfig;
import io.lethe.trainer.service.SegmentStore;
import io.lethe.trainer.training.FinetuneSteps;
import io.lethe.trainer.training.HyperparameterResolver;
import io.lethe.trainer.training.NonFiniteTrainingException;
import io.lethe.trainer.training.ResolvedHyperparameters;
import io.lethe.trainer.training.SegmentObjective;
import io.lethe.trainer.training.SegmentStats;
import io.lethe.trainer.training.SegmentTrainer;
import io.lethe.trainer.training.StepPlan;
import io.lethe.trainer.training.TrainingObserver;
import io.lethe.trainer.training.TrainingRows;
import io.lethe.trainer.training.UnlearnSteps;
import io.lethe.unlearning.method.UnlearningMethod;
import io.lethe.unlearning.method.UnlearningObjective;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures what a training step of each method costs on this machine, with the trainer's real code
 * path and default hyperparameters: the built-in dataset (20 authors × 10 questions, forget10), a
 * byte-level BPE tokenizer fitted to it, a randomly initialised {@code micro} or {@code tiny}
 * model. Not a test (tests do not assert wall-clock times).
 *
 * <p>Per method: ms per optimizer step (median over the measured steps), real tokens read by the
 * trained model per second, forward passes per micro-batch of the trained and of the frozen
 * reference model (NPO, DPO, KL pay a forward of the reference for each slot they compare), and MFU
 * = (6·N·P_trained + 2·N·P_reference) / time against the nominal fp32 peak of this machine ({@link
 * MachineStats#cpu()}) and the GEMM rate measured on the same threads ({@link
 * MachineStats#measuredGemmFlops()}), where P counts the positions each model computed (padding
 * included: it is computed) and N all parameters.
 *
 * <p>Arguments (all optional): {@code presets measuredSteps warmupSteps methods threads}, e.g.
 * {@code micro,tiny 5 2 all 1} ({@code all} = FINETUNE and every method; threads 0 = PyTorch's
 * default of one per core).
 */
public final class MethodBenchmark {

  private MethodBenchmark() {}

  public static void main(String[] args) throws IOException, NonFiniteTrainingException {
    List<String> presets = List.of((args.length > 0 ? args[0] : "micro,tiny").split(","));
    int measured = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    List<String> methods = new ArrayList<>();
    methods.add(FinetuneSteps.METHOD);
    if (args.length > 3 && !args[3].equals("all")) {
      methods = List.of(args[3].split(","));
    } else {
      methods.addAll(UnlearningMethod.CLOSER_LOOK_NAMES);
      methods.addAll(UnlearningMethod.CAPPED_NAMES);
    }

    int threads = args.length > 4 ? Integer.parseInt(args[4]) : 0;
    if (threads > 0) {
      Engine.getInstance();
      JniUtils.setNumThreads(threads);
    }
    UnlearningBenchmark data =
        new BenchmarkSource("builtin", null, "forget10", null, null, null).load();
    Path dir = Files.createTempDirectory("lethe-bench-tokenizer");
    System.out.printf(
        Locale.ROOT,
        "data %s: %d training + %d general rows, %d forget, %d retain; %d cpus, %d PyTorch"
            + " threads, load average %.2f%n",
        data.name(),
        data.training().size(),
        data.generalKnowledge().size(),
        data.forget().size(),
        data.retain().size(),
        Runtime.getRuntime().availableProcessors(),
        threads > 0 ? threads : JniUtils.getNumThreads(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.println("machine: " + MachineStats.cpu().describe());
    HfTextTokenizer loaded;
    try {
      loaded = HfTextTokenizer.load(new ByteLevelBpeTrainer().trainAndSave(data.texts(), dir));
    } finally {
      SegmentStore.deleteRecursively(dir); // the tokenizer is in memory now
    }
    try (HfTextTokenizer tokenizer = loaded) {
      ExampleEncoder encoder = new ExampleEncoder(tokenizer, PromptTemplate.LETHE);
      for (String preset : presets) {
        LlamaConfig config =
            preset.equals("tiny") ? LlamaConfig.tiny(tokenizer) : LlamaConfig.micro(tokenizer);
        try (LlamaModel initial = LlamaModel.initialize(config, 1234, Device.cpu())) {
          long n = initial.parameterCount();
          System.out.printf(
              Locale.ROOT,
              "%n### %s: d=%d, %d layers, vocab %d, %,d parameters (%d measured steps after %d"
                  + " warm-up)%n%n",
              preset,
              config.hiddenSize(),
              config.numHiddenLayers(),
              config.vocabSize(),
              n,
              measured,
              warmup);
          System.out.println(
              "| method | batch × micro | L max / computed | fwd trained / reference per micro-batch | ms/step |"
                  + " tokens/s | MFU (269 / 255 GFLOP/s) |");
          System.out.println("|---|---|---|---|---|---|---|");
          for (String method : methods) {
            System.out.println(row(method, data, encoder, initial, n, measured, warmup));
          }
        }
      }
    }
  }

  private static String row(
      String name,
      UnlearningBenchmark data,
      ExampleEncoder encoder,
      LlamaModel initial,
      long n,
      int measured,
      int warmup)
      throws NonFiniteTrainingException {
    int maxPositions = initial.config().maxPositionEmbeddings();
    try (LlamaModel model = initial.copy();
        LlamaModel reference = initial.copy()) {
      ResolvedHyperparameters hp;
      SegmentObjective objective;
      int rows;
      String forwards;
      int trainedForwards = 1;
      if (name.equals(FinetuneSteps.METHOD)) {
        hp = HyperparameterResolver.finetune(null, true, maxPositions);
        List<QaPair> training = TrainingRows.finetune(data, TrainingRows.FULL);
        rows = training.size();
        objective = new FinetuneSteps(training, encoder, hp, 7);
        forwards = "1 / 0";
      } else {
        UnlearningMethod method = UnlearningMethod.parse(name);
        hp = HyperparameterResolver.unlearn(method, null, maxPositions);
        rows = data.forget().size();
        objective =
            new UnlearnSteps(
                new UnlearningObjective(method, hp.method()),
                ForgetItemSampler.forBenchmark(data),
                encoder,
                hp,
                7,
                method.needsReference() ? reference : null);
        forwards = method.trainedForwardCount() + " / " + method.referenceForwardCount();
        trainedForwards = method.trainedForwardCount();
      }
      List<Double> stepSeconds = new ArrayList<>();
      TrainingObserver timing = (m, seconds, tokens, terms) -> stepSeconds.add(seconds);
      SegmentTrainer trainer =
          new SegmentTrainer(
              model,
              new AdamW(model, new AdamWConfig(0.9, 0.999, 1e-8, hp.weightDecay())),
              StepPlan.of(rows, hp).schedule(hp.learningRate()),
              hp.gradientClip(),
              objective,
              timing);
      trainer.train(0, warmup);
      stepSeconds.clear();
      SegmentStats stats = trainer.train(warmup, warmup + measured);
      double median = median(stepSeconds);
      double flops = 6.0 * n * stats.trainedPositions() + 2.0 * n * stats.referencePositions();
      double flopsPerSecond = flops / stats.seconds();
      // positions per trained sequence actually computed (trimmed unless a loss reads padding)
      double length =
          (double) stats.trainedPositions()
              / ((long) measured * hp.effectiveBatch() * trainedForwards);
      return String.format(
          Locale.ROOT,
          "| %s | %d × %d | %d / %.0f | %s | %.0f | %.0f | %.0f %% / %.0f %% |",
          name,
          hp.effectiveBatch(),
          hp.microBatch(),
          hp.maxLength(),
          length,
          forwards,
          median * 1000,
          stats.tokens() / stats.seconds(),
          100 * flopsPerSecond / MachineStats.cpu().flops(),
          100 * flopsPerSecond / MachineStats.measuredGemmFlops());
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int mid = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
  }
}
