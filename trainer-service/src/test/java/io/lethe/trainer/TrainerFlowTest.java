package io.lethe.trainer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.lethe.infra.test.InjectKafkaCompanion;
import io.lethe.infra.test.LetheInfraTestResource;
import io.lethe.infra.test.PrometheusScrape;
import io.lethe.schemas.domain.Hyperparameters;
import io.lethe.schemas.domain.JobKind;
import io.lethe.schemas.domain.ModelRef;
import io.lethe.schemas.events.CheckpointEvent;
import io.lethe.schemas.events.StepFailedEvent;
import io.lethe.schemas.events.UnlearningStepCommand;
import io.lethe.schemas.json.LetheJson;
import io.lethe.trainer.service.SegmentService;
import io.lethe.trainer.service.SegmentStore;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The trainer end to end on a real broker: segment commands in, checkpoint and failure events out,
 * with the guarantees the orchestrator relies on (plan at step 0, exact resume after a restart, no
 * segment applied twice, a bad checkpoint or a NaN reported instead of crashing, unusable commands
 * dead-lettered). Micro preset, 4 authors × 4 questions.
 */
@QuarkusTest
@Tag("quarkus")
@WithTestResource(value = LetheInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class TrainerFlowTest {

  private static final Hyperparameters FINETUNE = Commands.finetuneSettings(3e-3);
  private static final Hyperparameters UNLEARN = Commands.unlearnSettings(1e-3);

  /** A micro model fine-tuned for 4 steps, shared by the tests that unlearn from it. */
  private static ModelRef finetuned;

  @InjectKafkaCompanion KafkaCompanion companion;

  @Inject SegmentService segments;

  @TestHTTPResource("/q/metrics")
  URL metrics;

  private TrainerEvents events;

  @BeforeEach
  void listen() {
    events = new TrainerEvents(companion);
  }

  @AfterEach
  void stopListening() {
    events.close();
  }

  @Test
  void aFinetuneJobPlansTrainsAndNeverAppliesASegmentTwice() {
    String job = Commands.newJob();
    CheckpointEvent zero = events.run(Commands.finetuneStart(job, FINETUNE));
    assertThat(zero.step()).isZero();
    assertThat(zero.kind()).isEqualTo(JobKind.FINETUNE);
    // (16 author rows + 125 general-knowledge rows) × 1 epoch / batch 4
    assertThat(zero.plannedSteps()).isEqualTo(35);
    assertThat(zero.uri()).startsWith("file:");
    assertThat(zero.dataset()).isEqualTo(Commands.DATA);
    assertThat(zero.evaluation()).isEqualTo(Commands.PLAN);

    UnlearningStepCommand first = Commands.finetune(job, 1, zero, 2, FINETUNE);
    CheckpointEvent two = events.run(first);
    assertThat(two.step()).isEqualTo(2);
    assertThat(two.parentSha256()).isEqualTo(zero.sha256());
    assertThat(two.lossTerms()).containsOnlyKeys("total");
    assertThat(two.lossTerms().get("total")).isPositive().isFinite();
    assertThat(two.gradNorm()).isPositive().isFinite();
    assertThat(two.tokens()).isPositive();
    assertThat(two.plannedSteps()).isEqualTo(35);

    double stepsBefore = metric("lethe_trainer_step_seconds_count", Map.of("method", "FINETUNE"));
    events.send(first);
    events.send(Commands.redelivered(first));
    List<CheckpointEvent> all = events.awaitCheckpoints(job, 1, 3);

    assertThat(all).hasSize(3).allSatisfy(e -> assertThat(e).isEqualTo(two));
    assertThat(metric("lethe_trainer_step_seconds_count", Map.of("method", "FINETUNE")))
        .as("no step trained again")
        .isEqualTo(stepsBefore);
  }

  @Test
  void anUnlearnJobResumedByARestartedTrainerEndsWhereAnUninterruptedOneDoesAndMixes() {
    ModelRef start = finetuned();
    String job = Commands.newJob();
    CheckpointEvent zero = events.run(Commands.unlearnStart(job, "NPO+KL", start, UNLEARN));
    assertThat(zero.uri()).isEqualTo(start.uri());
    assertThat(zero.sha256()).isEqualTo(start.sha256());
    // ⌊5 epochs × 2 forget rows / batch 2⌋
    assertThat(zero.plannedSteps()).isEqualTo(5);

    CheckpointEvent two = events.run(Commands.unlearn(job, 1, "NPO+KL", start, zero, 2, UNLEARN));
    assertThat(two.lossTerms()).containsOnlyKeys("forget", "retain", "total");
    segments.releaseCaches(); // the next segment runs as on a freshly started trainer
    CheckpointEvent four = events.run(Commands.unlearn(job, 2, "NPO+KL", start, two, 4, UNLEARN));

    String straight = Commands.newJob();
    CheckpointEvent straightZero =
        events.run(Commands.unlearnStart(straight, "NPO+KL", start, UNLEARN));
    CheckpointEvent straightFour =
        events.run(Commands.unlearn(straight, 1, "NPO+KL", start, straightZero, 4, UNLEARN));

    assertThat(four.sha256()).isEqualTo(straightFour.sha256()).isNotEqualTo(two.sha256());
    assertThat(metric("lethe_trainer_loss", Map.of("method", "NPO+KL", "term", "forget")))
        .isPositive();

    CheckpointEvent mixed =
        events.run(Commands.mix(job, 3, 4, Commands.ref(zero), Commands.ref(four), 0.5));
    assertThat(mixed.kind()).isEqualTo(JobKind.MIX);
    assertThat(mixed.step()).isEqualTo(4);
    assertThat(mixed.mixAlpha()).isEqualTo(0.5);
    assertThat(mixed.parentSha256()).isEqualTo(four.sha256());
    assertThat(mixed.sha256()).isNotIn(zero.sha256(), four.sha256());
    assertThat(mixed.uri()).isNotEqualTo(four.uri());
    CheckpointEvent none =
        events.run(Commands.mix(job, 4, 4, Commands.ref(zero), Commands.ref(four), 0.0));
    assertThat(none.sha256()).as("α = 0 is the base model").isEqualTo(zero.sha256());
  }

  @Test
  void aCorruptedCheckpointIsRejected() throws IOException {
    ModelRef start = finetuned();
    Path copy = Path.of("target/test-checkpoints/corrupted-" + UUID.randomUUID());
    copyDirectory(Path.of(URI.create(start.uri())), copy);
    try (RandomAccessFile weights =
        new RandomAccessFile(copy.resolve("model.safetensors").toFile(), "rw")) {
      long at = weights.length() / 2;
      weights.seek(at);
      int b = weights.read();
      weights.seek(at);
      weights.write(b ^ 0x01);
    }
    double before =
        metric("lethe_trainer_failures_total", Map.of("category", "checkpoint_rejected"));
    String job = Commands.newJob();

    events.send(
        Commands.unlearnStart(
            job, "GA", ModelRef.checkpoint(copy.toUri().toString(), start.sha256()), UNLEARN));
    StepFailedEvent failure = events.awaitFailure(job);

    assertThat(failure.category()).isEqualTo("CHECKPOINT_REJECTED");
    assertThat(failure.step()).isZero();
    assertThat(failure.reason()).contains("SHA-256").contains(start.sha256());
    assertThat(metric("lethe_trainer_failures_total", Map.of("category", "checkpoint_rejected")))
        .isEqualTo(before + 1);
  }

  @Test
  void anAbsurdLearningRateIsReportedAsANonFiniteStepAndTheTrainerGoesOn() {
    ModelRef start = finetuned();
    String job = Commands.newJob();
    Hyperparameters absurd = Commands.unlearnSettings(1e30);
    CheckpointEvent zero = events.run(Commands.unlearnStart(job, "GA", start, absurd));

    events.send(Commands.unlearn(job, 1, "GA", start, zero, 4, absurd));
    StepFailedEvent failure = events.awaitFailure(job);

    assertThat(failure.category()).isIn("NON_FINITE_LOSS", "NON_FINITE_GRADIENT");
    assertThat(failure.segment()).isEqualTo(1);
    assertThat(failure.step()).isBetween(1, 4);
    assertThat(failure.reason()).contains("step " + failure.step());
    assertThat(events.checkpoints(job, 1)).isEmpty();
    // the trainer is still there for the next command
    CheckpointEvent next = events.run(Commands.finetuneStart(Commands.newJob(), FINETUNE));
    assertThat(next.step()).isZero();
  }

  @Test
  void anUnusableCommandIsDeadLetteredUnchanged() {
    String job = Commands.newJob();
    UnlearningStepCommand unusable =
        new UnlearningStepCommand(
            UUID.randomUUID(),
            1,
            job,
            java.time.Instant.now(),
            0,
            0,
            0,
            JobKind.FINETUNE,
            null,
            FINETUNE,
            ModelRef.fresh("enormous"),
            null,
            null,
            Commands.DATA,
            null,
            Commands.PLAN,
            1L);
    String json = LetheJson.write(unusable);

    events.sendRaw(job, json);

    assertThat(events.awaitDeadLetter(job)).isEqualTo(json);
  }

  @Test
  void isReadyOnlyWithThePyTorchEngineLoaded() {
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("checks.name", hasItem("pytorch engine"))
        .body("checks.find { it.name == 'pytorch engine' }.status", equalTo("UP"));
  }

  /** The shared fine-tuned checkpoint (a FINETUNE job of 4 steps), built on first use. */
  private ModelRef finetuned() {
    synchronized (TrainerFlowTest.class) {
      if (finetuned == null) {
        String job = Commands.newJob();
        CheckpointEvent zero = events.run(Commands.finetuneStart(job, FINETUNE));
        finetuned = Commands.ref(events.run(Commands.finetune(job, 1, zero, 4, FINETUNE)));
      }
      return finetuned;
    }
  }

  private double metric(String name, Map<String, String> labels) {
    return PrometheusScrape.value(metrics.toString(), name, labels);
  }

  private static void copyDirectory(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.toList()) {
        if (!f.getFileName().toString().equals(SegmentStore.EVENT_FILE)) {
          Files.copy(f, to.resolve(f.getFileName()));
        }
      }
    }
  }
}
