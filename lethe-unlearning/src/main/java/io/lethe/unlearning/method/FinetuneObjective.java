package io.lethe.unlearning.method;

import ai.djl.ndarray.NDArray;
import io.lethe.unlearning.BatchTensors;
import io.lethe.unlearning.CausalLmForward;
import io.lethe.unlearning.loss.NextTokenNll;

/**
 * The loss of a FINETUNE step (building the target model on TOFU {@code full} or the retain
 * "oracle" on retainYY, methods.md §3.1): Hugging Face's token-mean NLL over the batch, the same
 * primitive the unlearning terms use, so fine-tuning and unlearning agree on what "NLL" means.
 *
 * <pre>
 * L = M_θ(batch)
 * </pre>
 */
public final class FinetuneObjective {

  /** One trained-model forward per step. */
  public static final int TRAINED_FORWARDS = 1;

  private FinetuneObjective() {}

  /** {@code M_θ(batch)}; call inside the step's gradient collector. */
  public static NDArray loss(BatchTensors batch, CausalLmForward model) {
    return NextTokenNll.mean(batch.logitsOf(model), batch.labels());
  }
}
