package io.lethe.inprocess;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lethe.orchestrator.domain.JobStatus;
import io.lethe.schemas.domain.EvaluationKind;
import io.lethe.schemas.domain.JobKind;
import io.lethe.schemas.domain.MetricResult;
import io.lethe.schemas.events.CheckpointEvent;
import io.lethe.schemas.events.EvaluationEvent;
import io.lethe.schemas.events.UnlearningStepCommand;
import io.lethe.stack.demo.DemoPlan;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The orchestrator's commanding and deciding, in memory, on the demo's job (25 steps, a full
 * evaluation every 5, MU ≥ 0.9 × step 0, HALT): the serial loop never trains ahead of a decision,
 * the pipelined one runs exactly one segment ahead as the services do, and the controller's HALT
 * ends the job with the last checkpoint that met the floor.
 */
class ControlledJobTest {

  private static final String MU = "tofu.model_utility@1";

  @Test
  void withoutRunAheadTheNextSegmentWaitsForTheDecisionOnTheLastOne() {
    ControlledJob job = ControlledJob.submit(demoJob(), LoopMode.SERIAL.runAheadSegments());
    assertThat(job.baseline().toStep()).isZero();

    job.onCheckpoint(checkpoint(job.baseline(), 0));
    // the start model's evaluation does not hold up the first segment: it changes no weights
    UnlearningStepCommand first = job.nextSegment().orElseThrow();
    assertThat(first.fromStep()).isZero();
    assertThat(first.toStep()).isEqualTo(5);

    job.onCheckpoint(checkpoint(first, 5));
    assertThat(job.nextSegment()).isEmpty();
    job.onEvaluation(evaluation(0, 0.80));
    assertThat(job.nextSegment()).isEmpty();
    job.onEvaluation(evaluation(5, 0.79));
    assertThat(job.nextSegment()).map(UnlearningStepCommand::toStep).contains(10);
  }

  @Test
  void pipelinedTheTrainerRunsOneSegmentAheadOfTheController() {
    ControlledJob job = ControlledJob.submit(demoJob(), LoopMode.PIPELINED.runAheadSegments());
    job.onCheckpoint(checkpoint(job.baseline(), 0));
    UnlearningStepCommand first = job.nextSegment().orElseThrow();
    // the trainer is busy until its checkpoint is in
    assertThat(job.nextSegment()).isEmpty();

    job.onCheckpoint(checkpoint(first, 5));
    UnlearningStepCommand ahead = job.nextSegment().orElseThrow();
    assertThat(ahead.fromStep()).isEqualTo(5);
    assertThat(ahead.toStep()).isEqualTo(10);

    job.onCheckpoint(checkpoint(ahead, 10));
    assertThat(job.nextSegment()).as("two segments ahead of step 0's decision").isEmpty();
    job.onEvaluation(evaluation(0, 0.80));
    job.onEvaluation(evaluation(5, 0.79));
    assertThat(job.nextSegment()).map(UnlearningStepCommand::fromStep).contains(10);
  }

  @Test
  void aBreachHaltsTheJobWithTheLastCheckpointThatMetTheFloor() throws InterruptedException {
    ControlledJob job = ControlledJob.submit(demoJob(), LoopMode.PIPELINED.runAheadSegments());
    job.onCheckpoint(checkpoint(job.baseline(), 0));
    UnlearningStepCommand first = job.nextSegment().orElseThrow();
    job.onCheckpoint(checkpoint(first, 5));
    job.onEvaluation(evaluation(0, 0.80));
    job.onEvaluation(evaluation(5, 0.50)); // below 0.9 × 0.80

    assertThat(job.ended()).isTrue();
    assertThat(job.status()).isEqualTo(JobStatus.HALTED);
    assertThat(job.resultSha256()).isEqualTo(sha(0));
    assertThat(job.decisions())
        .extracting(d -> d.step() + " " + d.decision().decision())
        .containsExactly("0 CONTINUE", "5 HALT");
    assertThat(job.awaitNextSegment()).isEmpty();
  }

  @Test
  void aFineTuneCompletesAtTheEndOfItsSchedule() {
    ObjectNode request = DemoPlan.finetune(DemoPlan.builtin(), "full", "micro");
    ControlledJob job = ControlledJob.submit(request, LoopMode.SERIAL.runAheadSegments());
    job.onCheckpoint(checkpoint(job.baseline(), 0, 8));
    for (int step = 2; step <= 8; step += 2) {
      UnlearningStepCommand next = job.nextSegment().orElseThrow();
      assertThat(next.toStep()).as("a quarter of the schedule per segment").isEqualTo(step);
      assertThat(job.ended()).isFalse();
      job.onCheckpoint(checkpoint(next, step, 8));
    }

    assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(job.resultSha256()).isEqualTo(sha(8));
    assertThat(job.nextSegment()).isEmpty();
  }

  private static ObjectNode demoJob() {
    DemoPlan.ModelRef model = new DemoPlan.ModelRef("file:///store/target", sha(0));
    return DemoPlan.unlearn("ME+GD", "forget10", "HALT", model, model);
  }

  private static CheckpointEvent checkpoint(UnlearningStepCommand command, int step) {
    return checkpoint(command, step, 25);
  }

  private static CheckpointEvent checkpoint(
      UnlearningStepCommand command, int step, int plannedSteps) {
    return new CheckpointEvent(
        UUID.randomUUID(),
        CheckpointEvent.SCHEMA_VERSION,
        command.jobId(),
        Instant.now(),
        step,
        command.segment(),
        command.kind() == null ? JobKind.UNLEARN : command.kind(),
        "file:///store/" + step,
        sha(step),
        step == 0 ? null : sha(0),
        Map.of("total", 1.0),
        1.0,
        100,
        0.1,
        null,
        command.dataset(),
        command.evaluation(),
        plannedSteps);
  }

  private static EvaluationEvent evaluation(int step, double modelUtility) {
    return new EvaluationEvent(
        UUID.randomUUID(),
        EvaluationEvent.SCHEMA_VERSION,
        "job",
        Instant.now(),
        step,
        sha(step),
        EvaluationKind.FULL,
        Map.of(MU, MetricResult.of(modelUtility)),
        null,
        null);
  }

  private static String sha(int step) {
    return String.format("%064x", step + 1);
  }
}
