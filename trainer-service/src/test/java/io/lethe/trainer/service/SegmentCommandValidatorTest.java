package io.lethe.trainer.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.schemas.domain.DatasetRef;
import io.lethe.schemas.domain.Hyperparameters;
import io.lethe.schemas.domain.JobKind;
import io.lethe.schemas.domain.ModelRef;
import io.lethe.schemas.events.UnlearningStepCommand;
import io.lethe.schemas.json.MalformedEventException;
import io.lethe.trainer.Commands;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which commands are executable and which go to the dead-letter queue, with their reason. */
class SegmentCommandValidatorTest {

  private static final ModelRef START = ModelRef.checkpoint("file:///ckpt/a/segment-1", "ab");

  private static UnlearningStepCommand command(
      String jobId,
      int from,
      int to,
      JobKind kind,
      String method,
      ModelRef start,
      ModelRef resume,
      DatasetRef data,
      Hyperparameters hp) {
    return new UnlearningStepCommand(
        UUID.randomUUID(),
        1,
        jobId,
        Instant.now(),
        1,
        from,
        to,
        kind,
        method,
        hp,
        start,
        resume,
        null,
        data,
        null,
        Commands.PLAN,
        1L);
  }

  private static UnlearningStepCommand unlearn(String method, Hyperparameters hp) {
    return command("job", 0, 2, JobKind.UNLEARN, method, START, null, Commands.DATA, hp);
  }

  @Test
  void executableCommandsPass() {
    assertThat(SegmentCommandValidator.requireExecutable(unlearn("NPO+KL", null))).isNotNull();
    assertThat(
            SegmentCommandValidator.requireExecutable(
                Commands.finetuneStart("job", Commands.finetuneSettings(1e-3))))
        .isNotNull();
    assertThat(
            SegmentCommandValidator.requireExecutable(Commands.mix("job", 3, 2, START, START, 0.5)))
        .isNotNull();
  }

  @Test
  void unusableCommandsAreMalformed() {
    assertRejected(unlearn("XYZ", null), "names no forget term");
    assertRejected(
        unlearn(
            "GA",
            new Hyperparameters(
                null, 0, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null)),
        "epochs");
    assertRejected(
        unlearn(
            "ME",
            new Hyperparameters(
                null, null, null, null, null, null, null, null, null, null, null, "paper", null,
                null, null, null, null)),
        "meForm");
    assertRejected(
        command("../x", 0, 2, JobKind.UNLEARN, "GA", START, null, Commands.DATA, null),
        "safe directory");
    assertRejected(
        command(
            "job", 0, 2, JobKind.FINETUNE, null, ModelRef.fresh("huge"), null, Commands.DATA, null),
        "preset");
    assertRejected(
        command(
            "job",
            0,
            2,
            JobKind.UNLEARN,
            "GA",
            ModelRef.checkpoint("s3://bucket/ckpt", "ab"),
            null,
            Commands.DATA,
            null),
        "file:");
    assertRejected(
        command(
            "job",
            0,
            2,
            JobKind.FINETUNE,
            null,
            ModelRef.fresh("micro"),
            null,
            new DatasetRef("builtin", null, "forget10", 1L, 4, 4, "everything"),
            null),
        "trainOn");
    assertRejected(
        command(
            "job",
            0,
            2,
            JobKind.FINETUNE,
            null,
            ModelRef.fresh("micro"),
            null,
            new DatasetRef("builtin", null, "forget10", 1L, 4, 4, "full", 0),
            null),
        "dataset.task must be ≥ 1");
    assertRejected(
        command("job", 2, 2, JobKind.FINETUNE, null, START, START, Commands.DATA, null),
        "at least one step");
    assertRejected(Commands.mix("job", 3, 2, START, START, 1.5), "alpha");
  }

  private static void assertRejected(UnlearningStepCommand command, String reason) {
    assertThatThrownBy(() -> SegmentCommandValidator.requireExecutable(command))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageContaining(reason);
  }
}
