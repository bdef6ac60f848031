package io.lethe.unlearning;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.lethe.data.encoding.EncodedExample;
import java.util.List;
import java.util.Objects;

/**
 * A batch of encoded examples as the (B, L) tensors a causal LM and the losses read, with labels in
 * the Hugging Face convention (not shifted, {@link EncodedExample#IGNORE} = −100 where no loss is
 * taken), so the shift of methods.md §0.3 happens in exactly one place ({@code NextTokenNll}).
 *
 * <p>All three tensors are int64 (what PyTorch's gather and embedding lookups index with).
 *
 * @param inputIds (B, L) token ids
 * @param attentionMask (B, L) 1 on real tokens, 0 on padding
 * @param labels (B, L) target ids, −100 where ignored
 */
public record BatchTensors(NDArray inputIds, NDArray attentionMask, NDArray labels) {

  public BatchTensors {
    Objects.requireNonNull(inputIds, "inputIds");
    Objects.requireNonNull(attentionMask, "attentionMask");
    Objects.requireNonNull(labels, "labels");
    Shape shape = inputIds.getShape();
    if (shape.dimension() != 2
        || !shape.equals(attentionMask.getShape())
        || !shape.equals(labels.getShape())) {
      throw new IllegalArgumentException(
          "inputIds, attentionMask and labels must all be (B, L), got "
              + shape
              + " / "
              + attentionMask.getShape()
              + " / "
              + labels.getShape());
    }
    if (shape.get(1) < 2) {
      throw new IllegalArgumentException("a causal LM loss needs L ≥ 2, got " + shape);
    }
  }

  /**
   * Stacks {@code examples} as they are, padded length included. Every loss of methods.md is exact
   * on this form.
   */
  public static BatchTensors of(List<EncodedExample> examples, NDManager manager) {
    return of(examples, manager, false);
  }

  /**
   * Stacks {@code examples} into tensors on {@code manager}.
   *
   * @param trimTrailingPadding drop the trailing columns that are padding without a label in every
   *     row. With causal attention such columns cannot change the logits of any earlier position,
   *     so every loss over labelled positions (M, S, ME, NPO, DPO, AP, capped GA) is unchanged
   *     while a batch encoded at L = 500 shrinks to its longest example. Losses over <em>all</em>
   *     positions (the KL regulariser, methods.md §1.3) do change: do not trim for them.
   */
  public static BatchTensors of(
      List<EncodedExample> examples, NDManager manager, boolean trimTrailingPadding) {
    if (examples.isEmpty()) {
      throw new IllegalArgumentException("a batch needs at least one example");
    }
    int encodedLength = examples.get(0).length();
    for (EncodedExample e : examples) {
      if (e.length() != encodedLength) {
        throw new IllegalArgumentException(
            "examples of one batch must be encoded to the same length, got "
                + encodedLength
                + " and "
                + e.length());
      }
    }
    int length = trimTrailingPadding ? usefulLength(examples) : encodedLength;
    int b = examples.size();
    long[] ids = new long[b * length];
    long[] mask = new long[b * length];
    long[] labels = new long[b * length];
    for (int i = 0; i < b; i++) {
      EncodedExample e = examples.get(i);
      for (int t = 0; t < length; t++) {
        ids[i * length + t] = e.inputIds()[t];
        mask[i * length + t] = e.attentionMask()[t];
        labels[i * length + t] = e.labels()[t];
      }
    }
    Shape shape = new Shape(b, length);
    return new BatchTensors(
        manager.create(ids, shape), manager.create(mask, shape), manager.create(labels, shape));
  }

  /** Number of rows B. */
  public int batchSize() {
    return Math.toIntExact(inputIds.getShape().get(0));
  }

  /** Number of positions L. */
  public int length() {
    return Math.toIntExact(inputIds.getShape().get(1));
  }

  /** This batch's logits under {@code model}. */
  public NDArray logitsOf(CausalLmForward model) {
    NDArray logits = model.logits(inputIds, attentionMask);
    Shape shape = logits.getShape();
    if (shape.dimension() != 3 || shape.get(0) != batchSize() || shape.get(1) != length()) {
      throw new IllegalStateException(
          "a causal LM forward must return (B, L, V) = ("
              + batchSize()
              + ", "
              + length()
              + ", V) logits, got "
              + shape);
    }
    return logits;
  }

  /** Last column that is attended or labelled in some row, + 1 (at least 2). */
  private static int usefulLength(List<EncodedExample> examples) {
    int useful = 2;
    for (EncodedExample e : examples) {
      for (int t = e.length() - 1; t >= useful; t--) {
        if (e.attentionMask()[t] != 0 || e.labels()[t] != EncodedExample.IGNORE) {
          useful = t + 1;
          break;
        }
      }
    }
    return Math.min(useful, examples.get(0).length());
  }
}
