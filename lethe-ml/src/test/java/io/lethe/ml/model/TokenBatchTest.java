package io.lethe.ml.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.lethe.data.encoding.EncodedExample;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trimmed width of a batch, counted before any tensor exists. */
class TokenBatchTest {

  private static final int I = EncodedExample.IGNORE;

  @Test
  void columnsEndAtTheLastRealTokenOrTargetOfAnyRow() {
    // row a: 3 real tokens, EOS target at 3; row b: 2 real tokens, EOS target at 2; L = 8
    EncodedExample a =
        new EncodedExample(
            new int[] {1, 5, 6, 2, 2, 2, 2, 2},
            new int[] {1, 1, 1, 0, 0, 0, 0, 0},
            new int[] {I, I, 6, 2, I, I, I, I});
    EncodedExample b =
        new EncodedExample(
            new int[] {1, 7, 2, 2, 2, 2, 2, 2},
            new int[] {1, 1, 0, 0, 0, 0, 0, 0},
            new int[] {I, 7, 2, I, I, I, I, I});
    assertThat(TokenBatch.columns(List.of(a, b), true)).isEqualTo(4);
    assertThat(TokenBatch.columns(List.of(b), true)).isEqualTo(3);
    assertThat(TokenBatch.columns(List.of(a, b), false)).isEqualTo(8);
    try (NDManager m = NDManager.newBaseManager()) {
      assertThat(TokenBatch.of(List.of(a, b), 2, true, m).length()).isEqualTo(4);
    }
  }
}
