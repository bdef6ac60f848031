package io.lethe.ml.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.lethe.data.encoding.EncodedExample;
import io.lethe.ml.model.TokenBatch;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * HF mean NLL and per-sequence summed NLL with the shift-by-one convention, on hand-computed
 * logits.
 */
class CausalLmLossTest {

  private static final int I = EncodedExample.IGNORE;

  @Test
  void meanAndSummedNllFollowTheShiftByOneConvention() {
    try (NDManager m = NDManager.newBaseManager()) {
      // two sequences of length 3 over a vocabulary of 2
      EncodedExample a =
          new EncodedExample(new int[] {0, 1, 1}, new int[] {1, 1, 1}, new int[] {I, 1, 0});
      EncodedExample b =
          new EncodedExample(new int[] {0, 0, 1}, new int[] {1, 1, 0}, new int[] {I, I, 1});
      TokenBatch batch = TokenBatch.of(List.of(a, b), 1, false, m);
      float[] z = {
        0,
        0, // a, t=0 → predicts labels[1] = 1: p = 1/2
        Float.parseFloat("0.6931472"),
        0, // a, t=1 → labels[2] = 0: p = 2/3
        5,
        5, // a, t=2: no next label
        3,
        1, // b, t=0 → labels[1] ignored
        0,
        (float) Math.log(3), // b, t=1 → labels[2] = 1: p = 3/4
        7,
        7
      };
      NDArray logits = m.create(z, new Shape(2, 3, 2));
      double la0 = -Math.log(0.5);
      double la1 = -Math.log(2.0 / 3);
      double lb1 = -Math.log(0.75);
      float[] s = CausalLmLoss.sequenceNll(logits, batch).toFloatArray();
      assertThat((double) s[0]).isCloseTo(la0 + la1, within(1e-6));
      assertThat((double) s[1]).isCloseTo(lb1, within(1e-6));
      assertThat(batch.targetCount()).isEqualTo(3);
      assertThat((double) CausalLmLoss.meanNll(logits, batch).getFloat())
          .isCloseTo((la0 + la1 + lb1) / 3, within(1e-6));
    }
  }

  @Test
  void trimmingTrailingPaddingKeepsTheEosTarget() {
    try (NDManager m = NDManager.newBaseManager()) {
      // §0.2: answer ends at index 2, EOS target at index 3 (a padding input), then padding without
      // targets
      EncodedExample e =
          new EncodedExample(
              new int[] {1, 5, 6, 2, 2, 2},
              new int[] {1, 1, 1, 0, 0, 0},
              new int[] {I, I, 6, 2, I, I});
      TokenBatch trimmed = TokenBatch.of(List.of(e), 2, true, m);
      assertThat(trimmed.length()).isEqualTo(4);
      assertThat(trimmed.targetIds(0)).containsExactly(6, 2);
      assertThat(TokenBatch.of(List.of(e), 2, false, m).length()).isEqualTo(6);
    }
  }
}
