package io.lethe.trainer.training;

import io.lethe.unlearning.method.MethodHyperparameters;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hyperparameters a segment actually trains with: the command's snapshot with every null field
 * replaced by its default, so a checkpoint's lineage records what ran rather than what was asked.
 *
 * @param learningRate peak learning rate of the linear warm-up/decay schedule
 * @param epochs passes over the rows the step plan counts (training rows or forget rows)
 * @param effectiveBatch samples per optimizer step
 * @param microBatch samples per forward/backward pass (gradients are accumulated)
 * @param warmupSteps explicit warm-up length, or {@code null} to derive it from the epochs
 * @param maxSteps explicit schedule length, or {@code null} to derive it from the epochs
 * @param weightDecay decoupled AdamW weight decay (not on norms and biases)
 * @param warmupEpochs warm-up length in epochs when {@code warmupSteps} is null
 * @param maxLength padded example length L
 * @param gradientClip global gradient-norm clip; 0 = none (the reference runs do not clip)
 * @param method the loss knobs of an UNLEARN segment; {@code null} for FINETUNE
 */
public record ResolvedHyperparameters(
    double learningRate,
    int epochs,
    int effectiveBatch,
    int microBatch,
    Integer warmupSteps,
    Integer maxSteps,
    double weightDecay,
    double warmupEpochs,
    int maxLength,
    double gradientClip,
    MethodHyperparameters method) {

  public ResolvedHyperparameters {
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learningRate must be positive, got " + learningRate);
    }
    if (epochs < 1 || effectiveBatch < 1 || microBatch < 1) {
      throw new IllegalArgumentException("epochs, effectiveBatch and microBatch must be ≥ 1");
    }
    if (maxLength < 2) {
      throw new IllegalArgumentException("maxLength must be ≥ 2, got " + maxLength);
    }
    if ((warmupSteps != null && warmupSteps < 0) || (maxSteps != null && maxSteps < 1)) {
      throw new IllegalArgumentException("warmupSteps must be ≥ 0 and maxSteps ≥ 1");
    }
    if (weightDecay < 0 || gradientClip < 0 || warmupEpochs < 0) {
      throw new IllegalArgumentException("weightDecay, gradientClip and warmupEpochs must be ≥ 0");
    }
  }

  /** The values by name, as stored in a checkpoint's lineage. */
  public Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("learningRate", learningRate);
    m.put("epochs", epochs);
    m.put("effectiveBatch", effectiveBatch);
    m.put("microBatch", microBatch);
    m.put("weightDecay", weightDecay);
    m.put("maxLength", maxLength);
    m.put("gradientClip", gradientClip);
    if (method != null) {
      m.put("forgetCoeff", method.forgetCoeff());
      m.put("retainCoeff", method.retainCoeff());
      m.put("beta", method.beta());
      m.put("maskPrompt", method.maskForgetPrompt());
      m.put("meForm", method.meForm().name());
      m.put("meIncludePadding", method.meIncludePadding());
      m.put("capDelta", method.capDelta());
    }
    return m;
  }
}
