package io.lethe.ml.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.lethe.data.encoding.EncodedExample;
import java.util.List;

/**
 * A batch of encoded examples as tensors, with the next-token targets of methods.md §0.3 already
 * shifted: column t of {@link #targets} is {@code labels[t + 1]}, scored by the logits at position
 * t, and {@link #targetMask} is 1 exactly where that label is not −100.
 *
 * <p>Trailing columns that are padding in every row and carry no target can be trimmed: with causal
 * attention they cannot influence any scored position, so the token-mean and per-sequence-sum NLLs
 * are unchanged while a batch encoded at L = 500 shrinks to its longest example. (Do not trim for
 * losses over all positions, e.g. the KL regulariser of methods.md §1.3.)
 */
public final class TokenBatch {

  private final NDArray inputIds;
  private final NDArray attentionMask;
  private final NDArray targets;
  private final NDArray targetMask;
  private final int[][] targetIds;
  private final int batchSize;
  private final int length;
  private final long targetCount;

  private TokenBatch(
      NDArray inputIds,
      NDArray attentionMask,
      NDArray targets,
      NDArray targetMask,
      int[][] targetIds,
      int batchSize,
      int length,
      long targetCount) {
    this.inputIds = inputIds;
    this.attentionMask = attentionMask;
    this.targets = targets;
    this.targetMask = targetMask;
    this.targetIds = targetIds;
    this.batchSize = batchSize;
    this.length = length;
    this.targetCount = targetCount;
  }

  /**
   * Stacks {@code examples} (right-padded; shorter ones are padded further with {@code padId}, mask
   * 0, label −100) into tensors on {@code manager}.
   *
   * @param trimTrailingPadding drop trailing columns that hold only padding without targets
   */
  public static TokenBatch of(
      List<EncodedExample> examples, int padId, boolean trimTrailingPadding, NDManager manager) {
    if (examples.isEmpty()) {
      throw new IllegalArgumentException("empty batch");
    }
    int length = columns(examples, trimTrailingPadding);
    int b = examples.size();
    long[] ids = new long[b * length];
    long[] mask = new long[b * length];
    long[] tgt = new long[b * (length - 1)];
    float[] tgtMask = new float[b * (length - 1)];
    int[][] targetIds = new int[b][];
    long count = 0;
    for (int i = 0; i < b; i++) {
      EncodedExample e = examples.get(i);
      int n = 0;
      for (int t = 0; t < length; t++) {
        boolean inside = t < e.length();
        ids[i * length + t] = inside ? e.inputIds()[t] : padId;
        mask[i * length + t] = inside ? e.attentionMask()[t] : 0;
        if (t >= 1) {
          int label = inside ? e.labels()[t] : EncodedExample.IGNORE;
          if (label != EncodedExample.IGNORE) {
            tgt[i * (length - 1) + t - 1] = label;
            tgtMask[i * (length - 1) + t - 1] = 1f;
            n++;
          }
        }
      }
      targetIds[i] = new int[n];
      int k = 0;
      for (int t = 1; t < length; t++) {
        if (tgtMask[i * (length - 1) + t - 1] != 0f) {
          targetIds[i][k++] = (int) tgt[i * (length - 1) + t - 1];
        }
      }
      count += n;
    }
    return new TokenBatch(
        manager.create(ids, new Shape(b, length)),
        manager.create(mask, new Shape(b, length)),
        manager.create(tgt, new Shape(b, length - 1)),
        manager.create(tgtMask, new Shape(b, length - 1)),
        targetIds,
        b,
        length,
        count);
  }

  /**
   * Number of columns T that {@link #of} gives {@code examples}: the longest example, or with
   * {@code trimTrailingPadding} the last column that is a real token or a target in some row (at
   * least 2, so that one next-token position exists). Lets a caller count the positions a forward
   * pass computes before building the tensors.
   */
  public static int columns(List<EncodedExample> examples, boolean trimTrailingPadding) {
    int length = 0;
    for (EncodedExample e : examples) {
      int useful = e.length();
      if (trimTrailingPadding) {
        useful = 0;
        for (int t = 0; t < e.length(); t++) {
          if (e.attentionMask()[t] != 0 || e.labels()[t] != EncodedExample.IGNORE) {
            useful = t + 1;
          }
        }
      }
      length = Math.max(length, useful);
    }
    return Math.max(length, 2);
  }

  /** (B, T) int64 token ids. */
  public NDArray inputIds() {
    return inputIds;
  }

  /** (B, T) int64, 1 on real tokens. */
  public NDArray attentionMask() {
    return attentionMask;
  }

  /** (B, T−1) int64 next-token targets ({@code labels[t+1]}, 0 where ignored). */
  public NDArray targets() {
    return targets;
  }

  /** (B, T−1) float32, 1 where {@code labels[t+1] ≠ −100}. */
  public NDArray targetMask() {
    return targetMask;
  }

  /** The scored target ids of row {@code i}, in order (host copy). */
  public int[] targetIds(int i) {
    return targetIds[i].clone();
  }

  /** Number of rows B. */
  public int batchSize() {
    return batchSize;
  }

  /** Number of columns T after trimming. */
  public int length() {
    return length;
  }

  /** Number of scored targets in the whole batch (the denominator of HF's mean NLL). */
  public long targetCount() {
    return targetCount;
  }

  /**
   * Log-probabilities (B, T−1) that the model gives to each next-token target — ℓ_t = log
   * softmax(z_t)[y_{t+1}] of methods.md §0.3 — from {@link #shiftedLogSoftmax} of its logits;
   * meaningful where {@link #targetMask} is 1. Differentiable.
   */
  public NDArray targetLogProbs(NDArray shiftedLogProbs) {
    return shiftedLogProbs.gather(targets.expandDims(-1), -1).squeeze(-1);
  }

  /**
   * log softmax over the vocabulary of the logits at positions 0..T−2 (those that predict a next
   * token).
   */
  public static NDArray shiftedLogSoftmax(NDArray logits) {
    return logits.get(":, :-1, :").logSoftmax(-1);
  }
}
