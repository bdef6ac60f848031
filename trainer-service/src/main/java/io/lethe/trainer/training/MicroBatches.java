package io.lethe.trainer.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits an optimizer step's samples into micro-batches of at most m, in order: gradient
 * accumulation over them gives the gradient of the mean micro-batch loss, as HF's Trainer does with
 * {@code gradient_accumulation_steps} (methods.md §0.3).
 */
public final class MicroBatches {

  private MicroBatches() {}

  /** {@code indices} in consecutive chunks of {@code size} (the last may be shorter). */
  public static List<int[]> split(int[] indices, int size) {
    if (size < 1) {
      throw new IllegalArgumentException("micro-batch size must be ≥ 1");
    }
    List<int[]> out = new ArrayList<>((indices.length + size - 1) / size);
    for (int from = 0; from < indices.length; from += size) {
      out.add(Arrays.copyOfRange(indices, from, Math.min(indices.length, from + size)));
    }
    return out;
  }
}
