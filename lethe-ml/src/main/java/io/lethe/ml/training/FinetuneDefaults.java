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
 * @param maxLength padded sequence length
 */
public record FinetuneDefaults(
    double learningRate,
    int epochs,
    int effectiveBatch,
    int microBatch,
    double weightDecay,
    double warmupEpochs,
    int maxLength) {

  /** Defaults for a model trained from scratch (presets {@code tiny} and {@code micro}). */
  public static final FinetuneDefaults FROM_SCRATCH =
      new FinetuneDefaults(2e-3, 40, 16, 16, 0.01, 1.0, 128);

  /** Defaults for fine-tuning a pretrained checkpoint (TOFU recipe, methods.md §3.1). */
  public static final FinetuneDefaults PRETRAINED =
      new FinetuneDefaults(1e-5, 5, 32, 4, 0.01, 1.0, 500);
}
