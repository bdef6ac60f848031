package io.lethe.ml.training;

/**
 * Default hyperparameters of a FINETUNE job on Lethe's own tiny model trained from scratch (the
 * target and retain reference models of the built-in dataset). The papers fine-tune pretrained 1–7B
 * models with lr 1e-5 for 5 epochs (methods.md §3.1); a model initialised at random needs a larger
 * step and more passes to memorise the facts, so these values are Lethe's own, chosen by
 * measurement (docs/BENCHMARKS.md) to reach ROUGE-L recall ≥ 0.9 on the training questions within
 * minutes on 2 CPU cores.
 *
 * @param learningRate peak learning rate
 * @param epochs passes over the training rows
 * @param effectiveBatch sequences per optimizer step
 * @param microBatch sequences per forward/backward pass
 * @param weightDecay decoupled AdamW weight decay
 * @param warmupEpochs linear warm-up length in epochs
 * @param maxLength padded sequence length (rows longer than this are truncated)
 */
public record FinetuneDefaults(
    double learningRate,
    int epochs,
    int effectiveBatch,
    int microBatch,
    double weightDecay,
    double warmupEpochs,
    int maxLength) {

  /**
   * Defaults for a model trained from scratch (preset {@code tiny}), measured on the built-in 20
   * authors × 10 questions + 125 general rows (docs/BENCHMARKS.md): the target model's greedy
   * ROUGE-L recall on its training questions was 0.78 after 10 epochs, 0.99 after 15 and 1.000
   * after 20 (two seeds); the retain model reached 0.94 on its own questions after 20 epochs and
   * 0.99 after 25, so 25 epochs leave a margin for both. 21 steps per epoch; one micro-batch per
   * step because the whole batch fits in memory and accumulation only adds overhead. maxLength: the
   * longest built-in row is 49 tokens with the tokenizer fitted to the data; padding is trimmed per
   * batch, so the length only bounds truncation.
   */
  public static final FinetuneDefaults FROM_SCRATCH =
      new FinetuneDefaults(2e-3, 25, 16, 16, 0.01, 1.0, 64);

  /** Defaults for fine-tuning a pretrained checkpoint (TOFU recipe, methods.md §3.1). */
  public static final FinetuneDefaults PRETRAINED =
      new FinetuneDefaults(1e-5, 5, 32, 4, 0.01, 1.0, 500);
}
