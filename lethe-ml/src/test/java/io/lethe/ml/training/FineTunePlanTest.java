package io.lethe.ml.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import org.junit.jupiter.api.Test;

/** Step arithmetic of a fine-tune, on hand-computed cases. */
class FineTunePlanTest {

  private static FinetuneDefaults hp(int epochs, int batch, double warmupEpochs) {
    return new FinetuneDefaults(1e-3, epochs, batch, batch, 0.01, warmupEpochs, 64);
  }

  @Test
  void builtInTargetDataKeepsTheLastPartialBatch() {
    // 200 author rows + 125 general rows = 325 = 20 · 16 + 5 → 21 steps per epoch
    FineTunePlan plan = FineTunePlan.of(325, hp(20, 16, 1.0));
    assertThat(plan.stepsPerEpoch()).isEqualTo(21);
    assertThat(plan.totalSteps()).isEqualTo(420);
    assertThat(plan.warmupSteps()).isEqualTo(21);
  }

  @Test
  void exactMultipleAndFractionalWarmup() {
    FineTunePlan plan = FineTunePlan.of(32, hp(5, 16, 0.5));
    assertThat(plan.stepsPerEpoch()).isEqualTo(2);
    assertThat(plan.totalSteps()).isEqualTo(10);
    assertThat(plan.warmupSteps()).isEqualTo(1);
    // warm-up longer than the run is capped at the run
    assertThat(FineTunePlan.of(10, hp(2, 16, 5.0)).warmupSteps()).isEqualTo(2);
  }

  @Test
  void scheduleWarmsUpThenDecaysToZeroAtTheLastStep() {
    LinearWarmupDecaySchedule s = FineTunePlan.of(32, hp(5, 16, 1.0)).schedule(1e-3);
    assertThat(s.learningRate(0)).isZero();
    assertThat(s.learningRate(1)).isCloseTo(5e-4, offset(1e-12));
    assertThat(s.learningRate(2)).isCloseTo(1e-3, offset(1e-12));
    assertThat(s.learningRate(6)).isCloseTo(5e-4, offset(1e-12));
    assertThat(s.learningRate(10)).isZero();
  }

  @Test
  void rejectsEmptyDataAndZeroSizes() {
    assertThatThrownBy(() -> FineTunePlan.of(0, hp(1, 16, 1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FineTunePlan.of(5, hp(0, 16, 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
