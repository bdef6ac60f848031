package io.lethe.ml.bench;

import ai.djl.Device;
import io.lethe.data.BenchmarkSource;
import io.lethe.data.QaItem;
import io.lethe.data.UnlearningBenchmark;
import io.lethe.data.encoding.ExampleEncoder;
import io.lethe.data.encoding.PromptTemplate;
import io.lethe.data.text.ByteLevelBpeTrainer;
import io.lethe.data.text.HfTextTokenizer;
import io.lethe.data.text.TextTokenizer;
import io.lethe.metrics.text.RougeL;
import io.lethe.ml.inference.AnswerGenerator;
import io.lethe.ml.inference.GenerationConfig;
import io.lethe.ml.model.LlamaConfig;
import io.lethe.ml.model.LlamaParameterNames;
import io.lethe.ml.model.ParameterSpec;
import io.lethe.ml.training.FineTuneListener;
import io.lethe.ml.training.FineTuneProgress;
import io.lethe.ml.training.FineTuneRole;
import io.lethe.ml.training.FineTuneSummary;
import io.lethe.ml.training.FineTunedModel;
import io.lethe.ml.training.FineTuner;
import io.lethe.ml.training.FinetuneDefaults;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The fine-tune recipe end to end, as issue 3 accepts it: built-in data, a byte-level BPE fitted to
 * it, the target and retain models trained by {@link FineTuner}, greedy answers, and mean ROUGE-L
 * recall (methods.md §3.4) — shared by the acceptance test and {@link FinetuneBenchmark} so that
 * both measure the same thing.
 */
public final class FineTuneRecipe {

  /**
   * Answers are short (≤ 50 tokens with the prompt); the budget only bounds a model that rambles.
   */
  private static final int MAX_NEW_TOKENS = 64;

  private static final int GENERATION_BATCH = 32;

  /**
   * What to run.
   *
   * @param preset {@code tiny} or {@code micro}
   * @param authors fictitious authors
   * @param questions questions per author
   * @param split forget split name
   * @param seed data, initialisation and order seed
   * @param hyperparameters the recipe's hyperparameters
   * @param maxGradNorm clip threshold (≤ 0: none)
   * @param withRetain also train and score the retain model (off for quick hyperparameter sweeps)
   * @param log where progress goes ({@code null}: silent)
   * @param logEvery print every n-th step
   */
  public record Options(
      String preset,
      int authors,
      int questions,
      String split,
      long seed,
      FinetuneDefaults hyperparameters,
      double maxGradNorm,
      boolean withRetain,
      PrintStream log,
      int logEvery) {}

  /**
   * One trained model's run.
   *
   * @param role target or retain
   * @param summary the fine-tuner's summary
   * @param modelFlops 6 · N · computed positions over the run
   * @param attentionFlops 12 · layers · d · T per computed position (score and value matmuls,
   *     forward and backward) over the run
   * @param loadAverageAfter load average when training ended
   */
  public record ModelRun(
      FineTuneRole role,
      FineTuneSummary summary,
      double modelFlops,
      double attentionFlops,
      String loadAverageAfter) {

    /** Optimizer steps per second. */
    public double stepsPerSecond() {
      return summary.plan().totalSteps() / summary.seconds();
    }
  }

  /**
   * What the recipe achieved.
   *
   * @param parameters N of the model
   * @param vocabulary tokenizer vocabulary size
   * @param longestExample longest encoded training row (tokens, BOS included, before the EOS
   *     target)
   * @param target the target model's run
   * @param retain the retain model's run ({@code null} without {@code withRetain})
   * @param targetOnTraining mean ROUGE-L recall of the target's greedy answers to the author rows
   *     of {@code full}
   * @param targetOnForget same on the forget rows
   * @param targetOnGeneral same on the general-knowledge rows
   * @param retainOnForget the retain model's on the forget rows (never trained on; NaN without
   *     {@code withRetain})
   * @param retainOnRetain the retain model's on its own retain rows (NaN without {@code
   *     withRetain})
   * @param evaluationSeconds time of all greedy generation
   * @param loadAverageBefore load average when the run started
   * @param examples a few (question, gold, target answer, retain answer) forget rows
   */
  public record Report(
      long parameters,
      int vocabulary,
      int longestExample,
      ModelRun target,
      ModelRun retain,
      double targetOnTraining,
      double targetOnForget,
      double targetOnGeneral,
      double retainOnForget,
      double retainOnRetain,
      double evaluationSeconds,
      String loadAverageBefore,
      List<String> examples) {}

  private FineTuneRecipe() {}

  /** Runs the recipe; temporary files (the tokenizer) are deleted afterwards. */
  public static Report run(Options options) throws IOException {
    String loadBefore = MachineStats.loadAverage();
    UnlearningBenchmark benchmark =
        new BenchmarkSource(
                "builtin",
                null,
                options.split(),
                options.seed(),
                options.authors(),
                options.questions())
            .load();
    Path dir = Files.createTempDirectory("lethe-finetune-");
    try (TextTokenizer tokenizer =
        HfTextTokenizer.load(new ByteLevelBpeTrainer().trainAndSave(benchmark.texts(), dir))) {
      LlamaConfig config =
          switch (options.preset()) {
            case "tiny" -> LlamaConfig.tiny(tokenizer);
            case "micro" -> LlamaConfig.micro(tokenizer);
            default -> throw new IllegalArgumentException("unknown preset " + options.preset());
          };
      long parameters = 0;
      for (ParameterSpec spec : LlamaParameterNames.specs(config)) {
        parameters += spec.size();
      }
      ExampleEncoder encoder = new ExampleEncoder(tokenizer, PromptTemplate.LETHE);
      int longest = 0;
      for (QaItem row : FineTuneRole.TARGET.rows(benchmark)) {
        longest = Math.max(longest, encoder.fullTextIds(row.question(), row.answer()).length);
      }
      log(
          options,
          "data %s: %d author rows (forget %d, retain %d) + %d general rows; vocabulary %d; longest"
              + " row %d tokens; %s model, %,d parameters; %s; PyTorch threads %s; load %s",
          benchmark.name(),
          benchmark.training().size(),
          benchmark.forget().size(),
          benchmark.retain().size(),
          benchmark.generalKnowledge().size(),
          tokenizer.vocabSize(),
          longest,
          options.preset(),
          parameters,
          options.hyperparameters(),
          System.getProperty("ai.djl.pytorch.num_threads", "default"),
          loadBefore);

      FineTuner tuner =
          new FineTuner(options.hyperparameters(), options.seed(), options.maxGradNorm());
      List<String> examples = new ArrayList<>();
      double evalSeconds = 0;
      ModelRun target;
      double onTraining;
      double onForget;
      double onGeneral;
      List<String> targetForgetAnswers;
      FlopCounter targetFlops = new FlopCounter(config, parameters, options);
      try (FineTunedModel model =
          tuner.trainFromScratch(
              benchmark, FineTuneRole.TARGET, tokenizer, config, Device.cpu(), targetFlops)) {
        target = targetFlops.run(FineTuneRole.TARGET, model.summary());
        long start = System.nanoTime();
        AnswerGenerator answers = new AnswerGenerator(model.model(), encoder, GENERATION_BATCH);
        onTraining = rouge(answers, benchmark.training());
        targetForgetAnswers = answer(answers, benchmark.forget());
        onForget = meanRecall(benchmark.forget(), targetForgetAnswers);
        onGeneral = rouge(answers, benchmark.generalKnowledge());
        evalSeconds += (System.nanoTime() - start) / 1e9;
      }
      log(
          options,
          "target: ROUGE-L recall %.3f on %d training questions, %.3f on forget, %.3f on general",
          onTraining,
          benchmark.training().size(),
          onForget,
          onGeneral);

      ModelRun retain = null;
      double retainOnForget = Double.NaN;
      double retainOnRetain = Double.NaN;
      if (options.withRetain()) {
        FlopCounter retainFlops = new FlopCounter(config, parameters, options);
        try (FineTunedModel model =
            tuner.trainFromScratch(
                benchmark, FineTuneRole.RETAIN, tokenizer, config, Device.cpu(), retainFlops)) {
          retain = retainFlops.run(FineTuneRole.RETAIN, model.summary());
          long start = System.nanoTime();
          AnswerGenerator answers = new AnswerGenerator(model.model(), encoder, GENERATION_BATCH);
          List<String> retainForgetAnswers = answer(answers, benchmark.forget());
          retainOnForget = meanRecall(benchmark.forget(), retainForgetAnswers);
          retainOnRetain = rouge(answers, benchmark.retain());
          evalSeconds += (System.nanoTime() - start) / 1e9;
          for (int i = 0; i < Math.min(3, benchmark.forget().size()); i++) {
            QaItem row = benchmark.forget().get(i);
            examples.add(
                String.format(
                    Locale.ROOT,
                    "Q: %s%n   gold:   %s%n   target: %s%n   retain: %s",
                    row.question(),
                    row.answer(),
                    targetForgetAnswers.get(i),
                    retainForgetAnswers.get(i)));
          }
        }
        log(
            options,
            "retain: ROUGE-L recall %.3f on %d forget questions (never seen), %.3f on its retain"
                + " questions",
            retainOnForget,
            benchmark.forget().size(),
            retainOnRetain);
      }
      return new Report(
          parameters,
          tokenizer.vocabSize(),
          longest,
          target,
          retain,
          onTraining,
          onForget,
          onGeneral,
          retainOnForget,
          retainOnRetain,
          evalSeconds,
          loadBefore,
          examples);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static List<String> answer(AnswerGenerator generator, List<QaItem> rows) {
    return generator.answer(
        rows.stream().map(QaItem::question).toList(), GenerationConfig.greedy(MAX_NEW_TOKENS));
  }

  private static double rouge(AnswerGenerator generator, List<QaItem> rows) {
    return meanRecall(rows, answer(generator, rows));
  }

  private static double meanRecall(List<QaItem> rows, List<String> answers) {
    RougeL rouge = RougeL.tofu();
    double sum = 0;
    for (int i = 0; i < rows.size(); i++) {
      sum += rouge.recall(rows.get(i).answer(), answers.get(i));
    }
    return sum / rows.size();
  }

  private static void log(Options options, String format, Object... args) {
    if (options.log() != null) {
      options.log().printf(Locale.ROOT, format + "%n", args);
    }
  }

  /** Logs progress and counts FLOPs from the shapes each step actually computed. */
  private static final class FlopCounter implements FineTuneListener {
    private final LlamaConfig config;
    private final long parameters;
    private final Options options;
    private final long start = System.nanoTime();
    private double modelFlops;
    private double attentionFlops;

    FlopCounter(LlamaConfig config, long parameters, Options options) {
      this.config = config;
      this.parameters = parameters;
      this.options = options;
    }

    @Override
    public void onStep(FineTuneProgress p) {
      modelFlops += 6.0 * parameters * p.computedTokens();
      // T of the step's micro-batches: exact when one micro-batch makes the step, else their mean
      double length = (double) p.computedTokens() / p.sequences();
      attentionFlops +=
          12.0 * config.numHiddenLayers() * config.hiddenSize() * length * p.computedTokens();
      if (p.step() % options.logEvery() == 0 || p.step() == p.totalSteps()) {
        log(
            options,
            "  step %d/%d epoch %d: loss %.4f lr %.2e |g| %.2f, %.0f ms, T=%.0f, %.0f s elapsed",
            p.step(),
            p.totalSteps(),
            p.epoch(),
            p.loss(),
            p.learningRate(),
            p.gradNorm(),
            p.seconds() * 1e3,
            length,
            (System.nanoTime() - start) / 1e9);
      }
    }

    ModelRun run(FineTuneRole role, FineTuneSummary summary) {
      return new ModelRun(role, summary, modelFlops, attentionFlops, MachineStats.loadAverage());
    }
  }
}
