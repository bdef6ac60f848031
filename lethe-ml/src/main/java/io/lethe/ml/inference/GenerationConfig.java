package io.lethe.ml.inference;

import java.util.Set;

/**
 * How to decode: greedy (methods.md §1.7, §3.4 evaluation) or temperature / top-p sampling with a
 * seed, with a budget of new tokens and the ids that end a sequence.
 *
 * @param maxNewTokens most tokens generated per sequence (TOFU's max_length=200 total becomes 200 −
 *     prompt length)
 * @param sample false for greedy argmax
 * @param temperature logits are divided by it before sampling (&gt; 0)
 * @param topP nucleus mass in (0, 1]; 1 disables top-p
 * @param seed seed of the sampling RNG (ignored by greedy)
 * @param eosIds ids that finish a sequence; empty means "use the model config's EOS ids"
 * @param useKvCache reuse past keys/values (fast) or recompute the whole prefix each step
 *     (reference path)
 */
public record GenerationConfig(
    int maxNewTokens,
    boolean sample,
    double temperature,
    double topP,
    long seed,
    Set<Integer> eosIds,
    boolean useKvCache) {

  public GenerationConfig {
    if (maxNewTokens < 0) {
      throw new IllegalArgumentException("maxNewTokens must be ≥ 0");
    }
    if (sample && !(temperature > 0)) {
      throw new IllegalArgumentException("temperature must be > 0");
    }
    if (sample && !(topP > 0 && topP <= 1)) {
      throw new IllegalArgumentException("topP must be in (0, 1]");
    }
    eosIds = eosIds == null ? Set.of() : Set.copyOf(eosIds);
  }

  /** Greedy decoding with the KV cache. */
  public static GenerationConfig greedy(int maxNewTokens) {
    return new GenerationConfig(maxNewTokens, false, 1.0, 1.0, 0L, Set.of(), true);
  }

  /** Temperature / top-p sampling with the KV cache. */
  public static GenerationConfig sampling(
      int maxNewTokens, double temperature, double topP, long seed) {
    return new GenerationConfig(maxNewTokens, true, temperature, topP, seed, Set.of(), true);
  }

  /** Same settings with or without the KV cache. */
  public GenerationConfig withKvCache(boolean on) {
    return new GenerationConfig(maxNewTokens, sample, temperature, topP, seed, eosIds, on);
  }

  /** Same settings with explicit EOS ids. */
  public GenerationConfig withEosIds(Set<Integer> ids) {
    return new GenerationConfig(maxNewTokens, sample, temperature, topP, seed, ids, useKvCache);
  }
}
