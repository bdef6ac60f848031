package io.lethe.trainer.training;

import io.lethe.data.encoding.ExampleEncoder;
import io.lethe.ml.training.FinetuneDefaults;
import io.lethe.schemas.domain.Hyperparameters;
import io.lethe.unlearning.loss.MeForm;
import io.lethe.unlearning.method.ForgetTerm;
import io.lethe.unlearning.method.MethodDefaults;
import io.lethe.unlearning.method.MethodHyperparameters;
import io.lethe.unlearning.method.Regularizer;
import io.lethe.unlearning.method.Scenario;
import io.lethe.unlearning.method.UnlearningMethod;
import java.util.Locale;

/**
 * Fills a command's hyperparameter snapshot with the defaults of its kind, so that a job naming
 * only a method trains as the papers' scripts do and any field can still be overridden per job.
 *
 * <pre>
 * UNLEARN (methods.md §1.3–1.4, sail-sg)   lr, c_f, c_r, mask, β, ME form: MethodDefaults (TOFU fictitious)
 *                                          epochs 5, effective batch 32, micro batch 4, wd 0.01, L = 500
 * capped GA (§2.3, UwC v1 config)          lr 2e−5 (MethodDefaults), epochs 8, δ 2, ρ 0.1
 * FINETUNE from a preset                   FinetuneDefaults.FROM_SCRATCH (Lethe's own, measured)
 * FINETUNE from a checkpoint               FinetuneDefaults.PRETRAINED (TOFU §3.1)
 * </pre>
 *
 * L never exceeds the model's trained context ({@code max_position_embeddings}): TOFU's L = 500
 * exists to fit long answers, and positions past a small model's context were never trained.
 */
public final class HyperparameterResolver {

  /** Epochs of closer-look's scripts. */
  public static final int UNLEARN_EPOCHS = 5;

  /** Epochs of Unlearning with Control's v1 config for likelihood-capped GA. */
  public static final int CAPPED_EPOCHS = 8;

  /** 4 per device × 4 accumulation × 2 GPUs. */
  public static final int UNLEARN_EFFECTIVE_BATCH = 32;

  /** Per-device batch of the reference runs. */
  public static final int UNLEARN_MICRO_BATCH = 4;

  /** Decoupled AdamW weight decay of the reference runs. */
  public static final double UNLEARN_WEIGHT_DECAY = 0.01;

  /** Warm-up of one epoch when an epoch has more than one step (§1.4). */
  public static final double UNLEARN_WARMUP_EPOCHS = 1.0;

  private HyperparameterResolver() {}

  /**
   * The hyperparameters of a FINETUNE job.
   *
   * @param fromScratch whether the job starts from a preset (randomly initialised) model
   * @param maxPositions the model's context length
   */
  public static ResolvedHyperparameters finetune(
      Hyperparameters overrides, boolean fromScratch, int maxPositions) {
    Hyperparameters h = overrides == null ? Hyperparameters.defaults() : overrides;
    FinetuneDefaults d = fromScratch ? FinetuneDefaults.FROM_SCRATCH : FinetuneDefaults.PRETRAINED;
    int effective = or(h.effectiveBatch(), d.effectiveBatch());
    return new ResolvedHyperparameters(
        or(h.learningRate(), d.learningRate()),
        or(h.epochs(), d.epochs()),
        effective,
        Math.min(effective, or(h.microBatch(), d.microBatch())),
        h.warmupSteps(),
        h.maxSteps(),
        or(h.weightDecay(), d.weightDecay()),
        d.warmupEpochs(),
        Math.min(maxPositions, or(h.maxLength(), d.maxLength())),
        or(h.gradientClip(), 0.0),
        null);
  }

  /**
   * The hyperparameters of an UNLEARN job running {@code method}.
   *
   * @param maxPositions the model's context length
   */
  public static ResolvedHyperparameters unlearn(
      UnlearningMethod method, Hyperparameters overrides, int maxPositions) {
    Hyperparameters h = overrides == null ? Hyperparameters.defaults() : overrides;
    MethodHyperparameters d = MethodDefaults.of(method, Scenario.TOFU_FICTITIOUS);
    double forgetCoeff = d.forgetCoeff();
    double retainCoeff = d.retainCoeff();
    boolean ocrCe =
        method.forget() == ForgetTerm.CAPPED_GA && method.regularizer() == Regularizer.GD;
    if (ocrCe && h.capRho() != null) {
      // ocr_ce = (1−ρ)·M(retain) + ρ·only_fgt is c_f = ρ, c_r = 1−ρ
      forgetCoeff = h.capRho();
      retainCoeff = 1 - h.capRho();
    }
    double learningRate = or(h.learningRate(), d.learningRate());
    MethodHyperparameters loss =
        new MethodHyperparameters(
            or(h.forgetCoeff(), forgetCoeff),
            or(h.retainCoeff(), retainCoeff),
            learningRate,
            or(h.maskPrompt(), d.maskForgetPrompt()),
            or(h.beta(), d.beta()),
            h.meForm() == null ? d.meForm() : parseMeForm(h.meForm()),
            or(h.meIncludePadding(), d.meIncludePadding()),
            or(h.capDelta(), d.capDelta()));
    int effective = or(h.effectiveBatch(), UNLEARN_EFFECTIVE_BATCH);
    int defaultEpochs = method.forget() == ForgetTerm.CAPPED_GA ? CAPPED_EPOCHS : UNLEARN_EPOCHS;
    return new ResolvedHyperparameters(
        learningRate,
        or(h.epochs(), defaultEpochs),
        effective,
        Math.min(effective, or(h.microBatch(), UNLEARN_MICRO_BATCH)),
        h.warmupSteps(),
        h.maxSteps(),
        or(h.weightDecay(), UNLEARN_WEIGHT_DECAY),
        UNLEARN_WARMUP_EPOCHS,
        Math.min(maxPositions, or(h.maxLength(), ExampleEncoder.TRAIN_MAX_LENGTH)),
        or(h.gradientClip(), 0.0),
        loss);
  }

  /** {@code KL_U_P} (the code's form) or {@code KL_P_U} (the paper's), case-insensitive. */
  public static MeForm parseMeForm(String value) {
    try {
      return MeForm.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "meForm must be KL_U_P (code) or KL_P_U (paper), got '" + value + "'", e);
    }
  }

  private static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }
}
