package io.lethe.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lethe.ml.training.LinearWarmupDecaySchedule;
import io.lethe.schemas.domain.Hyperparameters;
import io.lethe.unlearning.method.UnlearningMethod;
import org.junit.jupiter.api.Test;

/** The step plan and schedule on the reference runs' numbers (methods.md §1.4). */
class StepPlanTest {

  private static ResolvedHyperparameters unlearnDefaults() {
    return HyperparameterResolver.unlearn(UnlearningMethod.parse("GA+GD"), null, 256);
  }

  @Test
  void tofuForgetSplitsGiveTheReferenceSchedules() {
    // methods.md §1.4: forget01/05/10 = 40/200/400 rows, batch 32, 5 epochs
    assertThat(StepPlan.of(40, unlearnDefaults())).isEqualTo(new StepPlan(40, 32, 1, 6, 0));
    assertThat(StepPlan.of(200, unlearnDefaults())).isEqualTo(new StepPlan(200, 32, 6, 31, 6));
    assertThat(StepPlan.of(400, unlearnDefaults())).isEqualTo(new StepPlan(400, 32, 12, 62, 12));
  }

  @Test
  void fewerRowsThanABatchStillPlanOneStep() {
    assertThat(StepPlan.of(2, unlearnDefaults()).plannedSteps()).isEqualTo(1);
  }

  @Test
  void explicitStepCountsWin() {
    ResolvedHyperparameters hp =
        HyperparameterResolver.unlearn(
            UnlearningMethod.parse("NPO"),
            new Hyperparameters(
                null, null, null, null, 3, 50, null, null, null, null, null, null, null, null, null,
                null, null),
            256);
    assertThat(StepPlan.of(400, hp)).isEqualTo(new StepPlan(400, 32, 12, 50, 3));
  }

  @Test
  void theScheduleWarmsUpThenDecaysToZeroAtThePlannedEnd() {
    LinearWarmupDecaySchedule schedule = StepPlan.of(200, unlearnDefaults()).schedule(1e-5);
    assertThat(schedule.learningRate(0)).isZero();
    assertThat(schedule.learningRate(3)).isCloseTo(0.5e-5, within(1e-12));
    assertThat(schedule.learningRate(6)).isCloseTo(1e-5, within(1e-12));
    // (31 − 20) / (31 − 6) of the peak
    assertThat(schedule.learningRate(20)).isCloseTo(1e-5 * 11 / 25, within(1e-12));
    assertThat(schedule.learningRate(31)).isZero();
  }
}
