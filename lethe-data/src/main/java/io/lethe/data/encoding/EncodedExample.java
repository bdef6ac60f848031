package io.lethe.data.encoding;

/**
 * One training or scoring example encoded exactly as methods.md §0.2 prescribes: the token ids,
 * which positions are real (attention), and the label of each position ({@link #IGNORE} where no
 * loss is taken).
 *
 * <p>Labels are <em>not</em> shifted: as in Hugging Face, the logits at position t are scored
 * against {@code labels[t + 1]}. All three arrays have the same length (the padded length L of the
 * batch).
 *
 * @param inputIds token ids, right-padded with EOS
 * @param attentionMask 1 on real tokens, 0 on padding
 * @param labels target ids, {@link #IGNORE} on the prompt, and on padding after the single EOS
 *     target
 */
public record EncodedExample(int[] inputIds, int[] attentionMask, int[] labels) {

  /** Label value that excludes a position from every loss (PyTorch's {@code ignore_index}). */
  public static final int IGNORE = -100;

  public EncodedExample {
    if (inputIds.length != attentionMask.length || inputIds.length != labels.length) {
      throw new IllegalArgumentException(
          "inputIds, attentionMask and labels must have the same length, got "
              + inputIds.length
              + "/"
              + attentionMask.length
              + "/"
              + labels.length);
    }
  }

  /** Padded length L. */
  public int length() {
    return inputIds.length;
  }

  /**
   * Number of positions t whose next-token label {@code labels[t+1]} is scored (the answer tokens +
   * one EOS).
   */
  public int targetCount() {
    int n = 0;
    for (int t = 1; t < labels.length; t++) {
      if (labels[t] != IGNORE) {
        n++;
      }
    }
    return n;
  }
}
