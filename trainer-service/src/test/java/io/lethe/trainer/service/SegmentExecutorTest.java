package io.lethe.trainer.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.ml.model.DeviceChoice;
import io.lethe.schemas.domain.Hyperparameters;
import io.lethe.schemas.events.CheckpointEvent;
import io.lethe.schemas.events.UnlearningStepCommand;
import io.lethe.trainer.Commands;
import io.lethe.trainer.training.TrainingObserver;
import io.lethe.trainer.training.TrainingRows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executor on its own (no Kafka): exact resume across trainer restarts, idempotency by (job,
 * segment), and recovery from a crash between saving a checkpoint and committing its event.
 */
class SegmentExecutorTest {

  private static final Hyperparameters SETTINGS = Commands.finetuneSettings(3e-3);

  @TempDir Path root;

  private final AtomicInteger stepsTrained = new AtomicInteger();
  private final TrainingObserver counting =
      (method, seconds, tokens, terms) -> stepsTrained.incrementAndGet();

  private SegmentExecutor freshTrainer() {
    return new SegmentExecutor(root, DeviceChoice.CPU, 1, counting);
  }

  @Test
  void stepZeroOfAPresetJobPlansTheScheduleFromTheTrainingRowsAndGeneralKnowledge() {
    try (SegmentExecutor trainer = freshTrainer()) {
      CheckpointEvent zero =
          published(trainer, Commands.finetuneStart(Commands.newJob(), SETTINGS));

      // 16 author rows + 125 general-knowledge rows, 1 epoch, batch 4: ⌊141 / 4⌋
      assertThat(zero.plannedSteps()).isEqualTo(35);
      assertThat(zero.step()).isZero();
      assertThat(zero.parentSha256()).isNull();
      Path dir = Path.of(java.net.URI.create(zero.uri()));
      assertThat(dir.resolve("model.safetensors")).isRegularFile();
      assertThat(dir.resolve("tokenizer.json")).isRegularFile();
      assertThat(dir.resolve(SegmentStore.EVENT_FILE)).isRegularFile();
    }
  }

  @Test
  void aContinualTasksRetainModelLearnsOnlyTheRowsBeforeItsBlock() {
    try (SegmentExecutor trainer = freshTrainer()) {
      UnlearningStepCommand start = Commands.finetuneStart(Commands.newJob(), SETTINGS);
      CheckpointEvent zero =
          published(trainer, Commands.on(start, Commands.task(3, TrainingRows.RETAIN)));

      // 16 rows, forget10 = 2 rows per task: task 3's retain rows are 0..9; + 125 general, ⌊135 /
      // 4⌋
      assertThat(zero.plannedSteps()).isEqualTo(33);
    }
  }

  @Test
  void aTaskBeyondTheDataFailsTheJobWithTheValidRange() {
    try (SegmentExecutor trainer = freshTrainer()) {
      UnlearningStepCommand start = Commands.finetuneStart(Commands.newJob(), SETTINGS);

      SegmentOutcome outcome =
          trainer.execute(Commands.on(start, Commands.task(8, TrainingRows.RETAIN)));

      assertThat(outcome).isInstanceOf(SegmentOutcome.Failed.class);
      SegmentOutcome.Failed failed = (SegmentOutcome.Failed) outcome;
      assertThat(failed.category()).isEqualTo(FailureCategory.TRAINING_ERROR);
      assertThat(failed.event().reason())
          .contains("dataset.task 8 does not exist for forget10 of 16 rows: tasks are 1..7");
    }
  }

  @Test
  void resumingInAFreshTrainerEndsWithTheWeightsOfAnUninterruptedRun() {
    String interrupted = Commands.newJob();
    CheckpointEvent atTwo;
    try (SegmentExecutor first = freshTrainer()) {
      CheckpointEvent zero = published(first, Commands.finetuneStart(interrupted, SETTINGS));
      atTwo = published(first, Commands.finetune(interrupted, 1, zero, 2, SETTINGS));
    }
    CheckpointEvent resumed;
    try (SegmentExecutor restarted = freshTrainer()) {
      resumed = published(restarted, Commands.finetune(interrupted, 2, atTwo, 4, SETTINGS));
    }
    String straight = Commands.newJob();
    CheckpointEvent uninterrupted;
    try (SegmentExecutor other = freshTrainer()) {
      CheckpointEvent zero = published(other, Commands.finetuneStart(straight, SETTINGS));
      uninterrupted = published(other, Commands.finetune(straight, 1, zero, 4, SETTINGS));
    }

    assertThat(resumed.step()).isEqualTo(4);
    assertThat(resumed.parentSha256()).isEqualTo(atTwo.sha256());
    assertThat(atTwo.sha256()).isNotEqualTo(resumed.sha256());
    assertThat(resumed.sha256()).isEqualTo(uninterrupted.sha256());
    assertThat(resumed.lossTerms()).containsOnlyKeys("total");
    assertThat(resumed.tokens()).isPositive();
  }

  @Test
  void aCommittedSegmentIsNeverTrainedTwice() {
    try (SegmentExecutor trainer = freshTrainer()) {
      String job = Commands.newJob();
      CheckpointEvent zero = published(trainer, Commands.finetuneStart(job, SETTINGS));
      UnlearningStepCommand segment = Commands.finetune(job, 1, zero, 2, SETTINGS);
      CheckpointEvent first = published(trainer, segment);
      int trained = stepsTrained.get();

      SegmentOutcome again = trainer.execute(Commands.redelivered(segment));

      assertThat(again).isInstanceOf(SegmentOutcome.Published.class);
      SegmentOutcome.Published replay = (SegmentOutcome.Published) again;
      assertThat(replay.replayed()).isTrue();
      assertThat(replay.event()).isEqualTo(first);
      assertThat(stepsTrained.get()).isEqualTo(trained);
    }
  }

  @Test
  void aSegmentSavedButNotCommittedIsTrainedAgainToTheSameBits() throws IOException {
    try (SegmentExecutor trainer = freshTrainer()) {
      String job = Commands.newJob();
      CheckpointEvent zero = published(trainer, Commands.finetuneStart(job, SETTINGS));
      UnlearningStepCommand segment = Commands.finetune(job, 1, zero, 2, SETTINGS);
      CheckpointEvent first = published(trainer, segment);
      // a crash after the checkpoint was saved and before its event was committed
      Files.delete(trainer.store().directory(job, 1).resolve(SegmentStore.EVENT_FILE));

      SegmentOutcome.Published second =
          (SegmentOutcome.Published) trainer.execute(Commands.redelivered(segment));

      assertThat(second.replayed()).isFalse();
      assertThat(second.event().eventId()).isNotEqualTo(first.eventId());
      assertThat(second.event().sha256()).isEqualTo(first.sha256());
    }
  }

  @Test
  void aResumePointWhoseOptimizerIsAtAnotherStepIsATrainingError() {
    try (SegmentExecutor trainer = freshTrainer()) {
      String job = Commands.newJob();
      CheckpointEvent zero = published(trainer, Commands.finetuneStart(job, SETTINGS));
      CheckpointEvent two = published(trainer, Commands.finetune(job, 1, zero, 2, SETTINGS));
      CheckpointEvent mislabelled =
          new CheckpointEvent(
              two.eventId(),
              1,
              job,
              two.occurredAt(),
              3,
              1,
              two.kind(),
              two.uri(),
              two.sha256(),
              null,
              Map.of(),
              null,
              0,
              0,
              null,
              null,
              null,
              null);

      SegmentOutcome outcome = trainer.execute(Commands.finetune(job, 2, mislabelled, 5, SETTINGS));

      assertThat(outcome).isInstanceOf(SegmentOutcome.Failed.class);
      SegmentOutcome.Failed failed = (SegmentOutcome.Failed) outcome;
      assertThat(failed.category()).isEqualTo(FailureCategory.TRAINING_ERROR);
      assertThat(failed.event().reason()).contains("optimizer state of step 2");
    }
  }

  private static CheckpointEvent published(SegmentExecutor trainer, UnlearningStepCommand c) {
    SegmentOutcome outcome = trainer.execute(c);
    assertThat(outcome)
        .as("outcome of segment %d", c.segment())
        .isInstanceOf(SegmentOutcome.Published.class);
    return ((SegmentOutcome.Published) outcome).event();
  }
}
