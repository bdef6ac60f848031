package io.lethe.trainer.training;

import java.util.Map;

/**
 * Receives what every optimizer step did, so the service can export it (Micrometer) without the
 * training code depending on a metrics library.
 */
public interface TrainingObserver {

  /** Observes nothing. */
  TrainingObserver NONE = (method, seconds, tokens, lossTerms) -> {};

  /**
   * One optimizer step finished.
   *
   * @param method {@code FINETUNE} or the unlearning method's canonical name
   * @param seconds wall time of the step (forward, backward, update)
   * @param tokens real (non-padding) tokens the trained model read
   * @param lossTerms the step's loss per term (mean over its micro-batches)
   */
  void stepTrained(String method, double seconds, long tokens, Map<String, Double> lossTerms);
}
