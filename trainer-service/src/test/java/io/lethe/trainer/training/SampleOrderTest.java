package io.lethe.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The sample order is a pure function of (seed, step) that visits every row once per epoch. */
class SampleOrderTest {

  @Test
  void everyEpochVisitsEveryRowOnce() {
    SampleOrder order = new SampleOrder(42, 10, 5);
    for (int epoch = 0; epoch < 3; epoch++) {
      int[] seen =
          IntStream.concat(
                  Arrays.stream(order.step(2L * epoch + 1)),
                  Arrays.stream(order.step(2L * epoch + 2)))
              .sorted()
              .toArray();
      assertThat(seen).as("epoch %d", epoch).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }
  }

  @Test
  void aStepThatStraddlesTwoEpochsTakesTheRestOfOneAndTheStartOfTheNext() {
    SampleOrder order = new SampleOrder(7, 5, 3);
    int[] first = order.permutation(0);
    int[] second = order.permutation(1);
    // samples k = 3, 4 (epoch 0) and k = 5 (epoch 1, position 0)
    assertThat(order.step(2)).containsExactly(first[3], first[4], second[0]);
  }

  @Test
  void theOrderIsAPureFunctionOfSeedAndStep() {
    SampleOrder straight = new SampleOrder(1001, 141, 16);
    List<int[]> oneRun = IntStream.rangeClosed(1, 20).mapToObj(straight::step).toList();
    // a restarted trainer asks for steps 11..20 first, then 1..10
    SampleOrder restarted = new SampleOrder(1001, 141, 16);
    for (int s = 20; s >= 1; s--) {
      assertThat(restarted.step(s)).as("step %d", s).isEqualTo(oneRun.get(s - 1));
    }
  }

  @Test
  void seedsAndEpochsShuffleDifferently() {
    SampleOrder a = new SampleOrder(1, 50, 10);
    SampleOrder b = new SampleOrder(2, 50, 10);
    assertThat(a.permutation(0)).isNotEqualTo(b.permutation(0));
    assertThat(a.permutation(0)).isNotEqualTo(a.permutation(1));
    assertThat(a.permutation(0)).isNotEqualTo(IntStream.range(0, 50).toArray());
  }

  @Test
  void microBatchesSplitAStepInOrder() {
    assertThat(MicroBatches.split(new int[] {5, 6, 7, 8, 9}, 2))
        .containsExactly(new int[] {5, 6}, new int[] {7, 8}, new int[] {9});
  }
}
