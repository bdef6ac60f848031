package io.lethe.ml.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The learning-rate schedule against HF get_linear_schedule_with_warmup values. */
class LinearWarmupDecayScheduleTest {

  @Test
  void warmsUpLinearlyThenDecaysToZeroLikeHf() {
    LinearWarmupDecaySchedule s = new LinearWarmupDecaySchedule(1e-3, 2, 10);
    assertThat(s.learningRate(0)).isZero();
    assertThat(s.learningRate(1)).isCloseTo(5e-4, within(1e-15));
    assertThat(s.learningRate(2)).isCloseTo(1e-3, within(1e-15));
    assertThat(s.learningRate(6)).isCloseTo(5e-4, within(1e-15)); // (10-6)/(10-2)
    assertThat(s.learningRate(9)).isCloseTo(1.25e-4, within(1e-15));
    assertThat(s.learningRate(10)).isZero();
    assertThat(s.learningRate(12)).isZero();
  }

  @Test
  void withoutWarmupTheFirstStepUsesThePeak() {
    // forget01 in methods.md §1.4: 6 steps, no warm-up
    LinearWarmupDecaySchedule s = new LinearWarmupDecaySchedule(1e-5, 0, 6);
    assertThat(s.learningRate(0)).isCloseTo(1e-5, within(1e-20));
    assertThat(s.learningRate(3)).isCloseTo(5e-6, within(1e-20));
    assertThat(LinearWarmupDecaySchedule.constant(0.1).learningRate(1_000_000)).isEqualTo(0.1);
  }
}
