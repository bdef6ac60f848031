package io.lethe.ml.training;

import ai.djl.Device;
import io.lethe.data.QaItem;
import io.lethe.data.UnlearningBenchmark;
import io.lethe.data.encoding.EncodedExample;
import io.lethe.data.encoding.ExampleEncoder;
import io.lethe.data.encoding.PromptTemplate;
import io.lethe.data.text.TextTokenizer;
import io.lethe.ml.model.LlamaConfig;
import io.lethe.ml.model.LlamaModel;
import io.lethe.ml.model.TokenBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The FINETUNE recipe that builds the two models every unlearning job needs (methods.md §3.1): the
 * target model, trained on {@code full} until it reproduces the authors' answers, and the retain
 * reference model, trained the same way on {@code retainYY} only.
 *
 * <p>Recipe: every row encoded as methods.md §0.2 (prompt masked, one EOS target, right padding to
 * {@link FinetuneDefaults#maxLength}, trailing padding trimmed per micro-batch); each epoch visits
 * the rows in a fresh order drawn from the seed; an optimizer step takes the next {@code
 * effectiveBatch} rows (the last step of an epoch takes the remainder, as HF's data loader) in
 * micro-batches of {@code microBatch}, minimising the mean over micro-batches of HF's token-mean
 * NLL (§0.3) with AdamW under linear warm-up and linear decay to 0 ({@link FineTunePlan}).
 *
 * <p>Deterministic: the same seed, rows and hyperparameters give bit-identical weights (the model
 * is initialised from the seed, the visiting order from a stream split off it, and the step itself
 * is deterministic on CPU).
 */
public final class FineTuner {

  private final FinetuneDefaults defaults;
  private final long seed;
  private final double maxGradNorm;

  /** A fine-tuner without gradient clipping (the reference runs do not clip, methods.md §1.4). */
  public FineTuner(FinetuneDefaults defaults, long seed) {
    this(defaults, seed, 0);
  }

  /**
   * @param maxGradNorm global-norm clip threshold; ≤ 0 disables clipping
   */
  public FineTuner(FinetuneDefaults defaults, long seed, double maxGradNorm) {
    this.defaults = Objects.requireNonNull(defaults, "defaults");
    this.seed = seed;
    this.maxGradNorm = maxGradNorm;
  }

  /** The hyperparameters. */
  public FinetuneDefaults defaults() {
    return defaults;
  }

  /**
   * Initialises a model of {@code config} from the seed and trains it as {@code role} on {@code
   * benchmark}, with the {@link PromptTemplate#LETHE} template over {@code tokenizer} (the template
   * of Lethe's own from-scratch models). The target and retain models of one seed start from the
   * same weights, as TOFU's both start from the same pretrained checkpoint.
   */
  public FineTunedModel trainFromScratch(
      UnlearningBenchmark benchmark,
      FineTuneRole role,
      TextTokenizer tokenizer,
      LlamaConfig config,
      Device device,
      FineTuneListener listener) {
    if (config.vocabSize() < tokenizer.vocabSize()) {
      throw new IllegalArgumentException(
          "model vocabulary "
              + config.vocabSize()
              + " is smaller than the tokenizer's "
              + tokenizer.vocabSize());
    }
    ExampleEncoder encoder = new ExampleEncoder(tokenizer, PromptTemplate.LETHE);
    LlamaModel model = LlamaModel.initialize(config, seed, device);
    try {
      return new FineTunedModel(model, train(model, encoder, role.rows(benchmark), listener));
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /**
   * Trains {@code model} in place on {@code rows} and leaves it non-trainable (ready to generate).
   *
   * @throws IllegalStateException if a step's loss or gradient is not finite
   */
  public FineTuneSummary train(
      LlamaModel model, ExampleEncoder encoder, List<QaItem> rows, FineTuneListener listener) {
    List<EncodedExample> examples = new ArrayList<>(rows.size());
    int truncated = 0;
    for (QaItem row : rows) {
      // a row of L tokens or more has no room for its EOS target: the model would not learn to stop
      if (encoder.fullTextIds(row.question(), row.answer()).length >= defaults.maxLength()) {
        truncated++;
      }
      examples.add(encoder.encode(row.pair(), defaults.maxLength()));
    }
    FineTunePlan plan = FineTunePlan.of(examples.size(), defaults);
    CausalLmTrainer trainer =
        new CausalLmTrainer(
            model,
            new AdamWConfig(0.9, 0.999, 1e-8, defaults.weightDecay()),
            plan.schedule(defaults.learningRate()),
            maxGradNorm);
    SplittableRandom order = new SplittableRandom(seed).split();
    int[] permutation = new int[examples.size()];
    for (int i = 0; i < permutation.length; i++) {
      permutation[i] = i;
    }
    long tokens = 0;
    long computed = 0;
    double lastEpochLoss = Double.NaN;
    long start = System.nanoTime();
    for (int epoch = 1; epoch <= plan.epochs(); epoch++) {
      shuffle(permutation, order);
      double epochLoss = 0;
      for (int s = 0; s < plan.stepsPerEpoch(); s++) {
        int from = s * defaults.effectiveBatch();
        int to = Math.min(permutation.length, from + defaults.effectiveBatch());
        List<EncodedExample> batch = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
          batch.add(examples.get(permutation[i]));
        }
        StepResult result = trainer.trainStep(batch, defaults.microBatch());
        if (result.nonFinite()) {
          throw new IllegalStateException(
              "fine-tune diverged at step "
                  + result.step()
                  + ": loss "
                  + result.loss()
                  + ", gradient norm "
                  + result.gradNorm());
        }
        long stepTokens = realTokens(batch);
        long stepComputed = computedTokens(batch, defaults.microBatch());
        tokens += stepTokens;
        computed += stepComputed;
        epochLoss += result.loss() / plan.stepsPerEpoch();
        listener.onStep(
            new FineTuneProgress(
                epoch,
                result.step(),
                plan.totalSteps(),
                result.loss(),
                result.learningRate(),
                result.gradNorm(),
                batch.size(),
                stepTokens,
                stepComputed,
                result.seconds()));
      }
      lastEpochLoss = epochLoss;
    }
    model.setTrainable(false);
    return new FineTuneSummary(
        plan, truncated, tokens, computed, lastEpochLoss, (System.nanoTime() - start) / 1e9);
  }

  /** Fisher–Yates over the whole array, so each epoch's order depends only on the stream. */
  private static void shuffle(int[] a, SplittableRandom random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  private static long realTokens(List<EncodedExample> batch) {
    long n = 0;
    for (EncodedExample e : batch) {
      for (int m : e.attentionMask()) {
        n += m;
      }
    }
    return n;
  }

  /** Rows × trimmed length of each micro-batch, as {@link CausalLmTrainer} builds them. */
  private static long computedTokens(List<EncodedExample> batch, int microBatch) {
    long n = 0;
    for (int i = 0; i < batch.size(); i += microBatch) {
      List<EncodedExample> micro = batch.subList(i, Math.min(batch.size(), i + microBatch));
      n += (long) micro.size() * TokenBatch.columns(micro, true);
    }
    return n;
  }
}
