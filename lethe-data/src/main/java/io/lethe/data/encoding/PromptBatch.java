package io.lethe.data.encoding;

/**
 * A batch of generation prompts, left-padded with EOS so that all rows end at the same position and
 * generation can append to every row at once (methods.md §1.7).
 *
 * @param inputIds {@code [batch][length]} token ids, EOS on the left padding
 * @param attentionMask {@code [batch][length]} 0 on padding, 1 on prompt tokens
 */
public record PromptBatch(int[][] inputIds, int[][] attentionMask) {

  public PromptBatch {
    if (inputIds.length != attentionMask.length) {
      throw new IllegalArgumentException(
          "inputIds and attentionMask must have the same batch size");
    }
  }

  /** Number of prompts. */
  public int size() {
    return inputIds.length;
  }

  /** Padded prompt length (0 for an empty batch). */
  public int length() {
    return inputIds.length == 0 ? 0 : inputIds[0].length;
  }

  /** Number of real (non-padding) tokens of row {@code i}. */
  public int promptLength(int i) {
    int n = 0;
    for (int m : attentionMask[i]) {
      n += m;
    }
    return n;
  }
}
