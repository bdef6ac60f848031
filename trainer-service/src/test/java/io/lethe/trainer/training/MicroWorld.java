package io.lethe.trainer.training;

import ai.djl.Device;
import io.lethe.data.BenchmarkSource;
import io.lethe.data.QaItem;
import io.lethe.data.QaPair;
import io.lethe.data.UnlearningBenchmark;
import io.lethe.data.encoding.EncodedExample;
import io.lethe.data.encoding.ExampleEncoder;
import io.lethe.data.encoding.PromptTemplate;
import io.lethe.data.text.ByteLevelBpeTrainer;
import io.lethe.data.text.HfTextTokenizer;
import io.lethe.ml.inference.Scorer;
import io.lethe.ml.inference.SequenceScore;
import io.lethe.ml.model.LlamaConfig;
import io.lethe.ml.model.LlamaModel;
import io.lethe.ml.training.AdamW;
import io.lethe.ml.training.AdamWConfig;
import io.lethe.ml.training.LinearWarmupDecaySchedule;
import io.lethe.schemas.domain.Hyperparameters;
import io.lethe.trainer.service.SegmentStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A micro model that knows a small built-in dataset (4 authors × 4 questions), for tests that must
 * compare unlearning methods on a model that has actually learned its forget and retain facts.
 * Built once per test JVM: the dataset, a byte-level BPE tokenizer fitted to it, a micro model
 * fine-tuned on the 16 author rows with a fixed seed.
 */
public final class MicroWorld {

  /** Padded length of every example (the rows are short). */
  public static final int MAX_LENGTH = 64;

  private static MicroWorld instance;

  private final UnlearningBenchmark benchmark;
  private final HfTextTokenizer tokenizer;
  private final ExampleEncoder encoder;
  private final LlamaModel finetuned;

  private MicroWorld() throws IOException {
    benchmark = new BenchmarkSource("builtin", null, "forget10", 7L, 4, 4).load();
    Path dir = Files.createTempDirectory("lethe-micro-world");
    try {
      tokenizer =
          HfTextTokenizer.load(new ByteLevelBpeTrainer().trainAndSave(benchmark.texts(), dir));
    } finally {
      SegmentStore.deleteRecursively(dir); // the tokenizer is in memory now
    }
    encoder = new ExampleEncoder(tokenizer, PromptTemplate.LETHE);
    finetuned = LlamaModel.initialize(LlamaConfig.micro(tokenizer), 5, Device.cpu());
    List<QaPair> rows = benchmark.training().stream().map(QaItem::pair).toList();
    ResolvedHyperparameters hp =
        HyperparameterResolver.finetune(
            new Hyperparameters(
                3e-3,
                null,
                rows.size(),
                rows.size(),
                null,
                null,
                0.0,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                MAX_LENGTH),
            true,
            MAX_LENGTH);
    AdamW optimizer = new AdamW(finetuned, new AdamWConfig(0.9, 0.999, 1e-8, 0.0));
    try {
      new SegmentTrainer(
              finetuned,
              optimizer,
              LinearWarmupDecaySchedule.constant(hp.learningRate()),
              0,
              new FinetuneSteps(rows, encoder, hp, 5),
              TrainingObserver.NONE)
          .train(0, FINETUNE_STEPS);
    } catch (NonFiniteTrainingException e) {
      throw new IllegalStateException(e);
    }
    finetuned.setTrainable(false);
  }

  /** Full-batch fine-tuning steps: enough for the micro model to fit the 16 rows closely. */
  static final int FINETUNE_STEPS = 120;

  /** The shared instance. */
  public static synchronized MicroWorld get() {
    if (instance == null) {
      try {
        instance = new MicroWorld();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return instance;
  }

  public UnlearningBenchmark benchmark() {
    return benchmark;
  }

  public ExampleEncoder encoder() {
    return encoder;
  }

  public int vocabSize() {
    return tokenizer.vocabSize();
  }

  /** A trainable copy of the fine-tuned model. */
  public LlamaModel finetunedCopy() {
    return finetuned.copy();
  }

  /** The fine-tuned model itself (do not train it). */
  public LlamaModel finetuned() {
    return finetuned;
  }

  /** HF mean NLL (Σ S / Σ n) of {@code rows}' answers under {@code model}. */
  public double meanNll(LlamaModel model, List<QaItem> rows) {
    double s = 0;
    long n = 0;
    for (SequenceScore score : scores(model, rows)) {
      s += score.summedNll();
      n += score.tokenCount();
    }
    return s / n;
  }

  /** Mean predictive entropy (nats) over the answer positions of {@code rows}. */
  public double meanEntropy(LlamaModel model, List<QaItem> rows) {
    double h = 0;
    long n = 0;
    for (SequenceScore score : scores(model, rows)) {
      for (float e : score.tokenEntropies()) {
        h += e;
        n++;
      }
    }
    return h / n;
  }

  private List<SequenceScore> scores(LlamaModel model, List<QaItem> rows) {
    List<EncodedExample> examples =
        rows.stream().map(r -> encoder.encode(r.pair(), MAX_LENGTH)).toList();
    return new Scorer(model, 16).score(examples);
  }
}
