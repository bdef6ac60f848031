package io.lethe.unlearning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.lethe.data.encoding.EncodedExample;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchTensorsTest extends NdTestSupport {

  /** BOS=1, prompt 7, answer 8 9, EOS target 2, then padding (EOS, mask 0, label −100). */
  private static final EncodedExample SHORT =
      new EncodedExample(
          new int[] {1, 7, 8, 9, 2, 2, 2, 2},
          new int[] {1, 1, 1, 1, 0, 0, 0, 0},
          new int[] {-100, -100, 8, 9, 2, -100, -100, -100});

  private static final EncodedExample LONGER =
      new EncodedExample(
          new int[] {1, 7, 7, 8, 9, 4, 2, 2},
          new int[] {1, 1, 1, 1, 1, 1, 0, 0},
          new int[] {-100, -100, -100, 8, 9, 4, 2, -100});

  @Test
  void stacksExamplesAsInt64WithUnshiftedLabels() {
    BatchTensors batch = BatchTensors.of(List.of(SHORT, LONGER), manager);

    assertThat(batch.batchSize()).isEqualTo(2);
    assertThat(batch.length()).isEqualTo(8);
    assertThat(batch.inputIds().getDataType()).isEqualTo(DataType.INT64);
    assertThat(batch.labels().getDataType()).isEqualTo(DataType.INT64);
    assertThat(batch.labels().toLongArray())
        .containsExactly(-100, -100, 8, 9, 2, -100, -100, -100, -100, -100, -100, 8, 9, 4, 2, -100);
    assertThat(batch.attentionMask().toLongArray())
        .containsExactly(1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0);
  }

  @Test
  void trimmingKeepsEveryAttendedOrLabelledColumn() {
    // LONGER's EOS target sits at column 6: columns 0..6 stay, column 7 goes.
    BatchTensors batch = BatchTensors.of(List.of(SHORT, LONGER), manager, true);

    assertThat(batch.length()).isEqualTo(7);
    assertThat(batch.inputIds().toLongArray())
        .containsExactly(1, 7, 8, 9, 2, 2, 2, 1, 7, 7, 8, 9, 4, 2);
    assertThat(BatchTensors.of(List.of(SHORT), manager, true).length()).isEqualTo(5);
  }

  @Test
  void rejectsExamplesOfDifferentLengths() {
    EncodedExample other = new EncodedExample(new int[] {1, 2}, new int[] {1, 1}, new int[] {1, 2});

    assertThatThrownBy(() -> BatchTensors.of(List.of(SHORT, other), manager))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("same length");
  }

  @Test
  void logitsOfRejectsAForwardWithTheWrongShape() {
    BatchTensors batch = BatchTensors.of(List.of(SHORT, LONGER), manager);

    assertThatThrownBy(() -> batch.logitsOf((ids, mask) -> manager.zeros(new Shape(2, 7, 3))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("(B, L, V)");
  }
}
