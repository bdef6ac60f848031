package io.lethe.ml.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.lethe.ml.model.KvCache;
import io.lethe.ml.model.LlamaModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Batched autoregressive generation as HF {@code generate} does it for evaluation: prompts
 * left-padded with the pad id (EOS), positions counted from each prompt's first real token ({@code
 * cumsum(mask) − 1}), padding keys masked, one token per step per sequence until EOS or the budget;
 * finished rows are fed padding so the batch stays rectangular without affecting unfinished rows.
 *
 * <p>With the KV cache, step k forwards only the k-th new token against cached keys/values; without
 * it, the whole sequence is recomputed each step (the reference path the cache is tested against).
 */
public final class Generator {

  private final LlamaModel model;

  /** A generator over {@code model}. */
  public Generator(LlamaModel model) {
    this.model = model;
  }

  /**
   * Continuations of {@code prompts} (token ids, BOS included if the tokenizer adds one), in order.
   */
  public List<Generation> generate(List<int[]> prompts, GenerationConfig config) {
    int batch = prompts.size();
    if (batch == 0) {
      return List.of();
    }
    int promptLength = 0;
    for (int[] p : prompts) {
      if (p.length == 0) {
        throw new IllegalArgumentException("empty prompt");
      }
      promptLength = Math.max(promptLength, p.length);
    }
    Set<Integer> eos = new HashSet<>(config.eosIds());
    if (eos.isEmpty()) {
      eos.addAll(model.config().eosTokenIds());
    }
    int pad = model.config().padId();
    int vocab = model.config().vocabSize();
    int total = promptLength + config.maxNewTokens();
    // Host-side sequence state; the device only ever sees the slice a step needs.
    long[][] ids = new long[batch][total];
    long[][] mask = new long[batch][total];
    for (int b = 0; b < batch; b++) {
      int[] p = prompts.get(b);
      int offset = promptLength - p.length;
      for (int t = 0; t < promptLength; t++) {
        ids[b][t] = t < offset ? pad : p[t - offset];
        mask[b][t] = t < offset ? 0 : 1;
      }
    }
    TokenSampler sampler = new TokenSampler(config);
    List<List<Integer>> generated = new ArrayList<>();
    boolean[] finished = new boolean[batch];
    boolean[] stoppedAtEos = new boolean[batch];
    for (int b = 0; b < batch; b++) {
      generated.add(new ArrayList<>());
    }
    try (NDManager session = model.manager().newSubManager();
        KvCache cache =
            config.useKvCache() ? new KvCache(model.config().numHiddenLayers(), session) : null) {
      int length = promptLength;
      int unfinished = batch;
      for (int step = 0; step < config.maxNewTokens() && unfinished > 0; step++) {
        float[] lastLogits;
        try (NDManager m = session.newSubManager()) {
          int from = cache == null || step == 0 ? 0 : length - 1;
          lastLogits = lastPositionLogits(m, ids, mask, from, length, cache);
        }
        for (int b = 0; b < batch; b++) {
          long token = pad;
          if (!finished[b]) {
            int chosen = sampler.next(lastLogits, b * vocab, vocab);
            token = chosen;
            if (eos.contains(chosen)) {
              finished[b] = true;
              stoppedAtEos[b] = true;
              unfinished--;
            } else {
              generated.get(b).add(chosen);
            }
          }
          ids[b][length] = token;
          mask[b][length] = 1;
        }
        length++;
      }
    }
    List<Generation> out = new ArrayList<>(batch);
    for (int b = 0; b < batch; b++) {
      out.add(
          new Generation(
              generated.get(b).stream().mapToInt(Integer::intValue).toArray(), stoppedAtEos[b]));
    }
    return out;
  }

  /**
   * Forwards columns [from, to) (all columns without a cache) and returns the (B, V) logits of
   * column to−1.
   */
  private float[] lastPositionLogits(
      NDManager m, long[][] ids, long[][] mask, int from, int to, KvCache cache) {
    int batch = ids.length;
    int width = to - from;
    long[] stepIds = new long[batch * width];
    long[] positions = new long[batch * width];
    long[] keyMask = new long[batch * to];
    for (int b = 0; b < batch; b++) {
      long seen = 0;
      for (int t = 0; t < to; t++) {
        keyMask[b * to + t] = mask[b][t];
        // HF: position_ids = cumsum(mask) − 1, padding positions set to 1 (they are never attended)
        long position = mask[b][t] == 1 ? seen : 1;
        seen += mask[b][t];
        if (t >= from) {
          stepIds[b * width + t - from] = ids[b][t];
          positions[b * width + t - from] = position;
        }
      }
    }
    NDArray logits =
        model.forward(
            m.create(stepIds, new Shape(batch, width)),
            m.create(keyMask, new Shape(batch, to)),
            m.create(positions, new Shape(batch, width)),
            cache);
    return logits.get(":, -1, :").toFloatArray();
  }
}
