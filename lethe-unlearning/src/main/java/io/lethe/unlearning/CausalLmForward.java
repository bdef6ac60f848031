package io.lethe.unlearning;

import ai.djl.ndarray.NDArray;

/**
 * The one thing the losses need from a causal language model: its logits for a batch of token ids.
 * Defined here, not borrowed from the model module, so the losses can be tested with a toy model
 * and any model (the trained copy with gradients, the frozen reference copy) can be adapted to it.
 *
 * <p>The forward runs inside whatever gradient scope the caller opened: {@code UnlearningObjective}
 * runs reference forwards with gradient recording switched off.
 */
@FunctionalInterface
public interface CausalLmForward {

  /**
   * Logits of every position.
   *
   * @param inputIds (B, L) int64 token ids
   * @param attentionMask (B, L) int64, 1 on real tokens and 0 on padding
   * @return (B, L, V) logits; row t scores the token at t + 1
   */
  NDArray logits(NDArray inputIds, NDArray attentionMask);
}
