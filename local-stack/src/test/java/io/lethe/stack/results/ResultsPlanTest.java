package io.lethe.stack.results;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.stack.demo.DemoPlan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plan runs every method uncontrolled and under the floor, with the demo's schedule. */
class ResultsPlanTest {

  private static final DemoPlan.ModelRef TARGET = new DemoPlan.ModelRef("file:///c/t", "t");
  private static final DemoPlan.ModelRef RETAIN = new DemoPlan.ModelRef("file:///c/r", "r");

  @Test
  void everyMethodRunsUncontrolledThenUnderTheFloorAndGaAndIdkApAlsoWithMix() {
    ResultsPlan plan = new ResultsPlan(ResultsPlan.builtinDataset(), ResultsPlan.METHODS);
    assertThat(plan.runs()).hasSize(18);
    assertThat(plan.runs().subList(0, 8))
        .allMatch(r -> r.control() == ResultsPlan.Control.UNCONTROLLED);
    assertThat(plan.runs())
        .extracting(ResultsPlan.Run::slug)
        .contains("ga-mix", "idk-ap-mix", "dpo-gd-halt");
  }

  @Test
  void uncontrolledMeansAFloorThatCannotBindAndTheSameCadence() {
    ResultsPlan plan = new ResultsPlan(ResultsPlan.builtinDataset(), List.of("GA+GD"));
    JsonNode free =
        plan.unlearn(
            new ResultsPlan.Run("GA+GD", ResultsPlan.Control.UNCONTROLLED), TARGET, RETAIN);
    JsonNode halt =
        plan.unlearn(new ResultsPlan.Run("GA+GD", ResultsPlan.Control.HALT), TARGET, RETAIN);

    assertThat(free.at("/policy/floors/0/maxRelativeDrop").asDouble()).isEqualTo(1.0);
    assertThat(halt.at("/policy/floors/0/maxRelativeDrop").asDouble()).isEqualTo(0.1);
    for (JsonNode job : List.of(free, halt)) {
      assertThat(job.at("/policy/fullEvery").asInt()).isEqualTo(5);
      assertThat(job.at("/hyperparameters/learningRate").asDouble()).isEqualTo(1e-3);
      assertThat(job.at("/hyperparameters/epochs").asInt()).isEqualTo(5);
      assertThat(job.at("/dataset/split").asText()).isEqualTo("forget10");
      assertThat(job.at("/startModel/sha256").asText()).isEqualTo("t");
      assertThat(job.at("/retainModel/sha256").asText()).isEqualTo("r");
    }
    assertThat(
            plan.unlearn(new ResultsPlan.Run("GA", ResultsPlan.Control.MIX), TARGET, RETAIN)
                .at("/policy/onBreach")
                .asText())
        .isEqualTo("MIX");
  }

  @Test
  void theRetainModelIsEvaluatedAgainstItselfInAOneStepJob() {
    JsonNode job =
        new ResultsPlan(ResultsPlan.builtinDataset(), List.of("GA")).retainSelfEvaluation(RETAIN);
    assertThat(job.at("/startModel/sha256").asText()).isEqualTo("r");
    assertThat(job.at("/retainModel/sha256").asText()).isEqualTo("r");
    assertThat(job.at("/policy/maxSteps").asInt()).isEqualTo(1);
  }

  @Test
  void continualTasksFollowEachOtherOnDisjointBlocksOfForget01() {
    List<ResultsPlan.ContinualTask> tasks =
        ResultsPlan.continualTasks(ResultsPlan.METHODS, ResultsPlan.CONTINUAL_TASKS);
    assertThat(tasks).hasSize(30);
    // task by task, so the three sequences advance side by side
    assertThat(tasks.subList(0, 4))
        .extracting(ResultsPlan.ContinualTask::slug)
        .containsExactly(
            "continual-ga-gd-task01",
            "continual-me-gd-task01",
            "continual-idk-ap-task01",
            "continual-ga-gd-task02");
    assertThat(ResultsPlan.continualTasks(List.of("GA", "ME+GD"), 2))
        .containsExactly(
            new ResultsPlan.ContinualTask("ME+GD", 1), new ResultsPlan.ContinualTask("ME+GD", 2));

    ResultsPlan plan = new ResultsPlan(ResultsPlan.builtinDataset(), ResultsPlan.METHODS);
    JsonNode first =
        plan.continualTask(new ResultsPlan.ContinualTask("ME+GD", 1), null, TARGET, RETAIN);
    assertThat(first.at("/dataset/split").asText()).isEqualTo("forget01");
    assertThat(first.at("/dataset/task").asInt()).isEqualTo(1);
    assertThat(first.at("/startModel/sha256").asText()).isEqualTo("t");
    assertThat(first.has("continual")).isFalse();

    JsonNode third =
        plan.continualTask(new ResultsPlan.ContinualTask("ME+GD", 3), "job-2", TARGET, RETAIN);
    assertThat(third.at("/dataset/task").asInt()).isEqualTo(3);
    assertThat(third.has("startModel")).isFalse();
    assertThat(third.at("/continual/after").asText()).isEqualTo("job-2");
    assertThat(third.at("/continual/reference").asText()).isEqualTo("moving");
    assertThat(third.at("/retainModel/sha256").asText()).isEqualTo("r");
    // uncontrolled, with the schedule of every other run
    assertThat(third.at("/policy/floors/0/maxRelativeDrop").asDouble()).isEqualTo(1.0);
    assertThat(third.at("/hyperparameters/epochs").asInt()).isEqualTo(5);
    assertThat(third.at("/hyperparameters/forgetCoeff").asDouble()).isEqualTo(1.0);
    assertThat(
            plan.continualTask(new ResultsPlan.ContinualTask("IDK+AP", 2), "j", TARGET, RETAIN)
                .at("/continual/reference")
                .asText())
        .isEqualTo("fixed");
    // the plan's own dataset is untouched
    assertThat(plan.dataset().has("task")).isFalse();
  }

  @Test
  void aTofuDatasetNamesItsDirectory() {
    assertThat(ResultsPlan.tofuDataset("/d/tofu").get("path").asText()).isEqualTo("/d/tofu");
    assertThat(ResultsPlan.tofuDataset("/d/tofu").get("source").asText()).isEqualTo("tofu");
  }
}
