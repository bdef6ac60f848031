package io.lethe.trainer;

import io.lethe.schemas.domain.DatasetRef;
import io.lethe.schemas.domain.EvaluationKind;
import io.lethe.schemas.domain.EvaluationPlan;
import io.lethe.schemas.domain.Hyperparameters;
import io.lethe.schemas.domain.JobKind;
import io.lethe.schemas.domain.MixSpec;
import io.lethe.schemas.domain.ModelRef;
import io.lethe.schemas.events.CheckpointEvent;
import io.lethe.schemas.events.UnlearningStepCommand;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Segment commands as the orchestrator sends them, on a tiny built-in dataset. */
public final class Commands {

  /** 4 authors × 4 questions; forget10 = the last 2 rows. */
  public static final DatasetRef DATA =
      new DatasetRef("builtin", null, "forget10", 7L, 4, 4, "full");

  /** Evaluation carried through to the checkpoint event. */
  public static final EvaluationPlan PLAN =
      new EvaluationPlan(EvaluationKind.PROBE, List.of("forget", "retain"), 10, 5, null);

  public static final long SEED = 1001L;

  private Commands() {}

  /** Small, fast FINETUNE settings: batch 4, L = 64, constant-ish schedule. */
  public static Hyperparameters finetuneSettings(double learningRate) {
    return new Hyperparameters(
        learningRate,
        1,
        4,
        4,
        0,
        null,
        0.01,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        64);
  }

  /** Small, fast UNLEARN settings: batch 2 (the whole forget set), L = 64. */
  public static Hyperparameters unlearnSettings(double learningRate) {
    return new Hyperparameters(
        learningRate,
        5,
        2,
        2,
        0,
        null,
        0.01,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        64);
  }

  /** A new random job id. */
  public static String newJob() {
    return UUID.randomUUID().toString();
  }

  /** Segment 0 of a FINETUNE job from the micro preset. */
  public static UnlearningStepCommand finetuneStart(String jobId, Hyperparameters settings) {
    return command(
        jobId, 0, 0, 0, JobKind.FINETUNE, null, settings, ModelRef.fresh("micro"), null, null);
  }

  /** A FINETUNE training segment of a job that started from the micro preset. */
  public static UnlearningStepCommand finetune(
      String jobId, int segment, CheckpointEvent from, int toStep, Hyperparameters settings) {
    return command(
        jobId,
        segment,
        from.step(),
        toStep,
        JobKind.FINETUNE,
        null,
        settings,
        ModelRef.fresh("micro"),
        ref(from),
        null);
  }

  /** Segment 0 of an UNLEARN job from a checkpoint. */
  public static UnlearningStepCommand unlearnStart(
      String jobId, String method, ModelRef start, Hyperparameters settings) {
    return command(jobId, 0, 0, 0, JobKind.UNLEARN, method, settings, start, null, start);
  }

  /** An UNLEARN training segment. */
  public static UnlearningStepCommand unlearn(
      String jobId,
      int segment,
      String method,
      ModelRef start,
      CheckpointEvent from,
      int toStep,
      Hyperparameters settings) {
    return command(
        jobId,
        segment,
        from.step(),
        toStep,
        JobKind.UNLEARN,
        method,
        settings,
        start,
        ref(from),
        start);
  }

  /** A MIX command at {@code step}: θ = (1 − α)·base + α·other. */
  public static UnlearningStepCommand mix(
      String jobId, int segment, int step, ModelRef base, ModelRef other, double alpha) {
    return new UnlearningStepCommand(
        UUID.randomUUID(),
        UnlearningStepCommand.SCHEMA_VERSION,
        jobId,
        Instant.now(),
        segment,
        step,
        step,
        JobKind.MIX,
        "GA",
        null,
        base,
        null,
        null,
        DATA,
        new MixSpec(base, other, alpha),
        PLAN,
        SEED);
  }

  /** The checkpoint an event announces. */
  public static ModelRef ref(CheckpointEvent event) {
    return ModelRef.checkpoint(event.uri(), event.sha256());
  }

  /** The same command delivered again as a new event (a fresh event id). */
  public static UnlearningStepCommand redelivered(UnlearningStepCommand c) {
    return on(c, c.dataset());
  }

  /** The same command, as a new event, on {@code dataset}. */
  public static UnlearningStepCommand on(UnlearningStepCommand c, DatasetRef dataset) {
    return new UnlearningStepCommand(
        UUID.randomUUID(),
        c.schemaVersion(),
        c.jobId(),
        Instant.now(),
        c.segment(),
        c.fromStep(),
        c.toStep(),
        c.kind(),
        c.method(),
        c.hyperparameters(),
        c.startModel(),
        c.resumeFrom(),
        c.referenceModel(),
        dataset,
        c.mix(),
        c.evaluation(),
        c.seed());
  }

  /** {@link #DATA}'s continual task {@code task}, for the retain model ({@code trainOn}) or not. */
  public static DatasetRef task(int task, String trainOn) {
    return new DatasetRef(
        DATA.source(),
        DATA.path(),
        DATA.split(),
        DATA.seed(),
        DATA.authors(),
        DATA.questionsPerAuthor(),
        trainOn,
        task);
  }

  private static UnlearningStepCommand command(
      String jobId,
      int segment,
      int fromStep,
      int toStep,
      JobKind kind,
      String method,
      Hyperparameters settings,
      ModelRef start,
      ModelRef resumeFrom,
      ModelRef reference) {
    return new UnlearningStepCommand(
        UUID.randomUUID(),
        UnlearningStepCommand.SCHEMA_VERSION,
        jobId,
        Instant.now(),
        segment,
        fromStep,
        toStep,
        kind,
        method,
        settings,
        start,
        resumeFrom,
        reference,
        DATA,
        null,
        PLAN,
        SEED);
  }
}
