package io.lethe.schemas;

import io.lethe.schemas.domain.AnswerScore;
import io.lethe.schemas.domain.BreachAction;
import io.lethe.schemas.domain.ControlPolicy;
import io.lethe.schemas.domain.DatasetRef;
import io.lethe.schemas.domain.Decision;
import io.lethe.schemas.domain.EnvironmentFingerprint;
import io.lethe.schemas.domain.EvaluationKind;
import io.lethe.schemas.domain.EvaluationPlan;
import io.lethe.schemas.domain.ForgetTarget;
import io.lethe.schemas.domain.GenerationItem;
import io.lethe.schemas.domain.Hyperparameters;
import io.lethe.schemas.domain.JobKind;
import io.lethe.schemas.domain.MetricResult;
import io.lethe.schemas.domain.MixSpec;
import io.lethe.schemas.domain.ModelRef;
import io.lethe.schemas.domain.UtilityFloor;
import io.lethe.schemas.events.CheckpointEvent;
import io.lethe.schemas.events.ControlDecisionEvent;
import io.lethe.schemas.events.EvaluationEvent;
import io.lethe.schemas.events.GenerationEvent;
import io.lethe.schemas.events.StepFailedEvent;
import io.lethe.schemas.events.UnlearningStepCommand;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Fully populated instances of every event (every optional field set), for round-trip and schema
 * tests.
 */
public final class EventSamples {

  public static final String JOB = "7f9c2a52-8d7e-4d55-9a7a-0f1c1f9b6a10";
  public static final Instant AT = Instant.parse("2026-11-22T10:15:30.123Z");
  public static final ModelRef START =
      ModelRef.checkpoint("file:///ckpt/target/step-0", "ab".repeat(32));
  public static final DatasetRef DATA =
      new DatasetRef("builtin", null, "forget10", 42L, 20, 10, "full", 2);
  public static final EvaluationPlan PLAN =
      new EvaluationPlan(
          EvaluationKind.FULL,
          List.of("forget", "retain", "real_authors", "world_facts"),
          300,
          25,
          ModelRef.checkpoint("file:///ckpt/retain/step-60", "cd".repeat(32)));
  public static final ControlPolicy POLICY =
      new ControlPolicy(
          List.of(new UtilityFloor("tofu.model_utility@1", 0.1)),
          2,
          6,
          new ForgetTarget("cl.forget_efficacy@1", 0.8, true),
          BreachAction.MIX,
          0.05,
          6,
          1000.0,
          60);

  private EventSamples() {}

  public static UnlearningStepCommand command() {
    return new UnlearningStepCommand(
        UUID.fromString("00000000-0000-4000-8000-000000000001"),
        UnlearningStepCommand.SCHEMA_VERSION,
        JOB,
        AT,
        1,
        6,
        12,
        JobKind.UNLEARN,
        "GA+GD",
        new Hyperparameters(
            1e-5, 5, 32, 4, 12, 62, 0.01, 1.0, 1.0, 0.1, true, "KL_U_P", false, 2.0, 0.1, null,
            500),
        START,
        ModelRef.checkpoint("file:///ckpt/job/step-6", "ef".repeat(32)),
        START,
        DATA,
        new MixSpec(START, ModelRef.checkpoint("file:///ckpt/job/step-12", "01".repeat(32)), 0.5),
        PLAN,
        1001L);
  }

  public static CheckpointEvent checkpoint() {
    return new CheckpointEvent(
        UUID.fromString("00000000-0000-4000-8000-000000000002"),
        CheckpointEvent.SCHEMA_VERSION,
        JOB,
        AT,
        12,
        1,
        JobKind.UNLEARN,
        "file:///ckpt/job/step-12",
        "01".repeat(32),
        "ef".repeat(32),
        Map.of("forget", -3.25, "retain", 0.75, "total", -2.5),
        12.5,
        40960L,
        3.2,
        0.5,
        DATA,
        PLAN,
        62);
  }

  public static StepFailedEvent failure() {
    return new StepFailedEvent(
        UUID.fromString("00000000-0000-4000-8000-000000000003"),
        StepFailedEvent.SCHEMA_VERSION,
        JOB,
        AT,
        9,
        1,
        "NON_FINITE_LOSS",
        "forget loss is NaN at step 9");
  }

  public static GenerationEvent generation() {
    return new GenerationEvent(
        UUID.fromString("00000000-0000-4000-8000-000000000004"),
        GenerationEvent.SCHEMA_VERSION,
        JOB,
        AT,
        12,
        "01".repeat(32),
        "candidate",
        EvaluationKind.FULL,
        "forget",
        0,
        2,
        9,
        List.of(
            new GenerationItem(
                3,
                "Where was Ada Quill born?",
                "Ada Quill was born in Lisbon.",
                "Ada Quill was born in Porto.",
                List.of(5, 17, 230, 4),
                new AnswerScore(4.5, 9),
                new AnswerScore(5.25, 10),
                List.of(new AnswerScore(7.0, 9), new AnswerScore(6.5, 8)),
                List.of(true, true, false, true),
                2.75)),
        new EnvironmentFingerprint("PyTorch", "2.7.1", "fp32", "cpu", "01".repeat(32), "0.1.0"));
  }

  public static EvaluationEvent evaluation() {
    return new EvaluationEvent(
        UUID.fromString("00000000-0000-4000-8000-000000000005"),
        EvaluationEvent.SCHEMA_VERSION,
        JOB,
        AT,
        12,
        "01".repeat(32),
        EvaluationKind.FULL,
        Map.of(
            "tofu.model_utility@1", MetricResult.of(0.61),
            "cl.entailment@1/retain", MetricResult.notComputed("no NLI model configured")),
        Map.of("tofu.truth_ratio@1/forget", List.of(0.5, 0.75)),
        new EnvironmentFingerprint("PyTorch", "2.7.1", "fp32", "cpu", "01".repeat(32), "0.1.0"));
  }

  public static ControlDecisionEvent decision() {
    return new ControlDecisionEvent(
        UUID.fromString("00000000-0000-4000-8000-000000000006"),
        ControlDecisionEvent.SCHEMA_VERSION,
        JOB,
        AT,
        12,
        Decision.HALT,
        "tofu.model_utility@1 = 0.41 < floor 0.55 (0.9 × baseline 0.61)",
        POLICY,
        Map.of("tofu.model_utility@1", 0.41, "baseline/tofu.model_utility@1", 0.61),
        START,
        null);
  }

  public static List<LetheEvent> all() {
    return List.of(command(), checkpoint(), failure(), generation(), evaluation(), decision());
  }
}
