package io.lethe.orchestrator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.lethe.infra.test.InjectKafkaCompanion;
import io.lethe.infra.test.LetheInfraTestResource;
import io.lethe.schemas.Topics;
import io.lethe.schemas.domain.Decision;
import io.lethe.schemas.domain.EnvironmentFingerprint;
import io.lethe.schemas.domain.EvaluationKind;
import io.lethe.schemas.domain.JobKind;
import io.lethe.schemas.domain.MetricResult;
import io.lethe.schemas.events.CheckpointEvent;
import io.lethe.schemas.events.ControlDecisionEvent;
import io.lethe.schemas.events.EvaluationEvent;
import io.lethe.schemas.events.StepFailedEvent;
import io.lethe.schemas.events.UnlearningStepCommand;
import io.lethe.schemas.json.LetheJson;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The orchestrator's closed loop on real Kafka and PostgreSQL, with this test playing the trainer
 * and the evaluator on the wire: checkpoints and evaluations in → segment commands and decisions
 * out; a crossed floor halts the job with the last passing checkpoint as its result; a MIX policy
 * bisects; redelivered events have no second effect.
 */
@QuarkusTest
@WithTestResource(
    value = LetheInfraTestResource.class,
    scope = TestResourceScope.GLOBAL,
    initArgs = @ResourceArg(name = LetheInfraTestResource.POSTGRES, value = "true"))
@WithTestResource(value = JwtTestKeys.class, scope = TestResourceScope.GLOBAL)
class JobLoopTest {

  static final String MU = "tofu.model_utility@1";

  @InjectKafkaCompanion KafkaCompanion companion;

  String submit(String onBreach) {
    String body =
        """
        {"kind":"UNLEARN","method":"GA+GD",
         "dataset":{"source":"builtin","split":"forget10"},
         "startModel":{"uri":"file:///ckpt/target","sha256":"%s"},
         "policy":{"probeEvery":1,"fullEvery":1,"onBreach":"%s","mixTolerance":0.3,"mixMaxIterations":4}}
        """
            .formatted("a".repeat(64), onBreach);
    return given(Tokens.asMember())
        .contentType(ContentType.JSON)
        .body(body)
        .post("/jobs")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  void send(String topic, String jobId, Object event) {
    companion
        .produceStrings()
        .fromRecords(new ProducerRecord<>(topic, jobId, LetheJson.write(event)))
        .awaitCompletion(Duration.ofSeconds(30));
  }

  static String sha(String jobId, int step) {
    return String.format("%064x", Math.abs((long) (jobId + step).hashCode()) * 1000 + step);
  }

  CheckpointEvent checkpoint(String jobId, int step, int segment, Double alpha, String sha) {
    return new CheckpointEvent(
        UUID.randomUUID(),
        1,
        jobId,
        Instant.now(),
        step,
        segment,
        alpha == null ? JobKind.UNLEARN : JobKind.MIX,
        "file:///ckpt/" + jobId + "/" + sha,
        sha,
        step == 0 ? null : sha(jobId, step - 1),
        Map.of("forget", -1.0 * step, "retain", 0.5, "total", 0.5 - step),
        1.5,
        1000L * step,
        0.1,
        alpha,
        null,
        null,
        3);
  }

  EvaluationEvent evaluation(String jobId, int step, String sha, double mu) {
    return new EvaluationEvent(
        UUID.randomUUID(),
        1,
        jobId,
        Instant.now(),
        step,
        sha,
        EvaluationKind.FULL,
        Map.of(
            MU,
            MetricResult.of(mu),
            "tofu.rougeL_recall@1/forget",
            MetricResult.of(mu / 2),
            "cl.entailment@1/retain",
            MetricResult.notComputed("no NLI model"),
            "cl.forget_efficacy@1",
            MetricResult.notComputed("needs entailment")),
        null,
        new EnvironmentFingerprint("PyTorch", "2.7.1", "fp32", "cpu", sha, "test"));
  }

  UnlearningStepCommand command(String jobId, int segment) {
    return KeyedRecords.await(
            Topics.UNLEARNING_STEPS,
            jobId,
            UnlearningStepCommand.class,
            c -> c.segment() == segment,
            1)
        .get(0);
  }

  UnlearningStepCommand mixCommand(String jobId, double alpha) {
    return KeyedRecords.await(
            Topics.UNLEARNING_STEPS,
            jobId,
            UnlearningStepCommand.class,
            c -> c.kind() == JobKind.MIX && c.mix().alpha() == alpha,
            1)
        .get(0);
  }

  List<ControlDecisionEvent> decisions(String jobId, int count) {
    return KeyedRecords.await(
        Topics.CONTROL_DECISIONS, jobId, ControlDecisionEvent.class, d -> true, count);
  }

  @Test
  void aCrossedFloorHaltsTheJobWithTheLastPassingCheckpointAsResult() {
    String job = submit("HALT");
    assertThat(command(job, 0).toStep()).isZero();

    send(Topics.CHECKPOINTS, job, checkpoint(job, 0, 0, null, sha(job, 0)));
    UnlearningStepCommand first =
        command(job, 1); // pipelined: trains while the baseline is evaluated
    assertThat(first.fromStep()).isZero();
    assertThat(first.toStep()).isEqualTo(1);
    assertThat(first.resumeFrom().sha256()).isEqualTo(sha(job, 0));

    EvaluationEvent baseline = evaluation(job, 0, sha(job, 0), 0.60);
    send(Topics.EVALUATIONS, job, baseline);
    send(Topics.EVALUATIONS, job, baseline); // redelivered: no second decision
    send(Topics.CHECKPOINTS, job, checkpoint(job, 1, 1, null, sha(job, 1)));
    assertThat(command(job, 2).toStep()).isEqualTo(2);
    send(Topics.EVALUATIONS, job, evaluation(job, 1, sha(job, 1), 0.57));
    // the step-2 evaluation overtakes its checkpoint event: it waits for it
    send(Topics.EVALUATIONS, job, evaluation(job, 2, sha(job, 2), 0.30));
    send(Topics.CHECKPOINTS, job, checkpoint(job, 2, 2, null, sha(job, 2)));

    List<ControlDecisionEvent> ds = decisions(job, 3);
    assertThat(ds)
        .extracting(ControlDecisionEvent::decision)
        .containsExactly(Decision.CONTINUE, Decision.CONTINUE, Decision.HALT);
    ControlDecisionEvent halt = ds.get(2);
    assertThat(halt.result().sha256()).isEqualTo(sha(job, 1));
    assertThat(halt.observed()).containsEntry(MU, 0.30).containsEntry("baseline/" + MU, 0.60);
    assertThat(halt.reason()).contains("floor");

    given(Tokens.asMember())
        .get("/jobs/" + job)
        .then()
        .statusCode(200)
        .body("status", equalTo("HALTED"))
        .body("result.sha256", equalTo(sha(job, 1)))
        .body("plannedSteps", equalTo(3))
        // one call shows how the job is doing: its latest metrics and the controller's decisions
        .body("latestEvaluation.step", equalTo(2))
        .body("latestEvaluation.metrics.'" + MU + "'.value", equalTo(0.30f))
        .body("decisions.decision", org.hamcrest.Matchers.contains("CONTINUE", "CONTINUE", "HALT"))
        .body("decisions[2].observed.'floor/" + MU + "'", equalTo(0.54f));
    // a list shows the jobs without their evaluations and decisions
    given(Tokens.asMember())
        .get("/jobs")
        .then()
        .statusCode(200)
        .body("find { it.id == '" + job + "' }.status", equalTo("HALTED"))
        .body("find { it.id == '" + job + "' }.decisions", org.hamcrest.Matchers.nullValue());
    given(Tokens.asMember())
        .get("/jobs/" + job + "/decisions")
        .then()
        .statusCode(200)
        .body("size()", equalTo(3));
    // an id is a UUID however it is spelt: upper case names the same job and the same audit trail
    given(Tokens.asMember())
        .get("/jobs/" + job.toUpperCase() + "/decisions")
        .then()
        .statusCode(200)
        .body("size()", equalTo(3));
    // Grafana sees the decision and the utility against its floor
    String metrics =
        given(Tokens.asMember()).get("/q/metrics").then().statusCode(200).extract().asString();
    assertThat(metrics)
        .containsPattern("lethe_controller_decisions_total\\{decision=\"halt\"[^}]*\\} [1-9]")
        .contains("lethe_job_utility{metric=\"" + MU + "\"}")
        .contains("lethe_job_utility_floor{metric=\"" + MU + "\"} 0.54")
        // how much is forgotten, from the evaluations the controller decided on; a metric that was
        // not computed is not exported as a number
        .contains("lethe_job_forget{metric=\"tofu.rougeL_recall@1/forget\"}")
        .doesNotContain("lethe_job_forget{metric=\"cl.forget_efficacy@1\"}")
        // the closed loop's own latency, checkpoint → decision, for every decided evaluation
        .containsPattern(
            "lethe_controller_decision_latency_seconds_count\\{kind=\"full\"[^}]*\\} [1-9]");
    given(Tokens.asMember())
        .get("/jobs/" + job + "/checkpoints")
        .then()
        .statusCode(200)
        .body("size()", equalTo(3));
    given(Tokens.asMember())
        .get("/jobs/" + job + "/evaluations")
        .then()
        .statusCode(200)
        .body("size()", equalTo(3));
    // the report: every evaluated step, the floor, the decisions — as JSON and as a self-contained
    // HTML page
    given(Tokens.asMember())
        .get("/jobs/" + job + "/report")
        .then()
        .statusCode(200)
        .body("points.size()", equalTo(3))
        .body("points[2].metrics.'" + MU + "'", equalTo(0.30f))
        .body("floors.'" + MU + "'", equalTo(0.54f))
        .body("decisions[2].decision", equalTo("HALT"))
        .body("resultStep", equalTo(1));
    String html =
        given(Tokens.asMember())
            .accept("text/html")
            .get("/jobs/" + job + "/report")
            .then()
            .statusCode(200)
            .contentType(org.hamcrest.Matchers.startsWith("text/html"))
            .extract()
            .asString();
    assertThat(html)
        .contains("<svg")
        .contains("floor 0.540")
        .contains("HALT")
        .contains("not computed: no NLI model");
    // the progress stream of an ended job: its final state, then the stream completes
    String stream =
        given(Tokens.asMember())
            .accept("text/event-stream")
            .get("/jobs/" + job + "/events")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(stream).contains("data:").contains("\"status\":\"HALTED\"");
    // a halted job takes no more commands, and cannot be cancelled
    given(Tokens.asMember()).post("/jobs/" + job + "/cancel").then().statusCode(409);
  }

  @Test
  void aMixPolicyBisectsUntilTheFloorsHold() {
    String job = submit("MIX");
    send(Topics.CHECKPOINTS, job, checkpoint(job, 0, 0, null, sha(job, 0)));
    send(Topics.EVALUATIONS, job, evaluation(job, 0, sha(job, 0), 0.60));
    command(job, 1);
    send(Topics.CHECKPOINTS, job, checkpoint(job, 1, 1, null, sha(job, 1)));
    send(Topics.EVALUATIONS, job, evaluation(job, 1, sha(job, 1), 0.20));

    // the segment number depends on whether the pipelined training segment went out first: match on
    // the mix
    UnlearningStepCommand mix = mixCommand(job, 0.5);
    assertThat(mix.kind()).isEqualTo(JobKind.MIX);
    assertThat(mix.mix().alpha()).isEqualTo(0.5);
    assertThat(mix.mix().base().sha256()).isEqualTo(sha(job, 0));
    assertThat(mix.mix().other().sha256()).isEqualTo(sha(job, 1));
    assertThat(mix.evaluation().kind()).isEqualTo(EvaluationKind.FULL);

    // the trainer ran ahead one segment before the floor broke: its checkpoint is evaluated, is
    // past the crossing, and must not start a second search
    send(Topics.CHECKPOINTS, job, checkpoint(job, 2, 2, null, sha(job, 2)));
    send(Topics.EVALUATIONS, job, evaluation(job, 2, sha(job, 2), 0.10));

    String mixed = "b".repeat(64);
    send(Topics.CHECKPOINTS, job, checkpoint(job, 1, 3, 0.5, mixed));
    send(Topics.EVALUATIONS, job, evaluation(job, 1, mixed, 0.58));
    assertThat(mixCommand(job, 0.75).segment()).isGreaterThan(mix.segment());
    String mixed2 = "c".repeat(64);
    send(Topics.CHECKPOINTS, job, checkpoint(job, 1, 4, 0.75, mixed2));
    send(Topics.EVALUATIONS, job, evaluation(job, 1, mixed2, 0.40));

    List<ControlDecisionEvent> all = decisions(job, 4);
    assertThat(all).extracting(ControlDecisionEvent::step).containsExactly(0, 1, 1, 1);
    ControlDecisionEvent last = all.get(3);
    assertThat(last.decision()).isEqualTo(Decision.COMPLETE);
    assertThat(last.mixAlpha()).isEqualTo(0.5);
    assertThat(last.result().sha256()).isEqualTo(mixed);
    given(Tokens.asMember()).get("/jobs/" + job).then().body("status", equalTo("COMPLETED"));
  }

  @Test
  void aTrainerFailureFailsTheJobWithTheReason() {
    String job = submit("HALT");
    send(Topics.CHECKPOINTS, job, checkpoint(job, 0, 0, null, sha(job, 0)));
    send(Topics.EVALUATIONS, job, evaluation(job, 0, sha(job, 0), 0.60));
    decisions(job, 1); // the baseline is decided before the failure arrives
    send(
        Topics.STEP_FAILURES,
        job,
        new StepFailedEvent(
            UUID.randomUUID(),
            1,
            job,
            Instant.now(),
            1,
            1,
            "NON_FINITE_LOSS",
            "forget loss is NaN"));
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                given(Tokens.asMember())
                    .get("/jobs/" + job)
                    .then()
                    .body("status", equalTo("FAILED"))
                    .body(
                        "statusReason", org.hamcrest.Matchers.containsString("forget loss is NaN"))
                    .body("result.sha256", equalTo(sha(job, 0))));
  }

  @Test
  void continualJobsRunInOrderEachFromThePreviousResult() {
    String first = submit("HALT");
    String body =
        """
        {"kind":"UNLEARN","method":"NPO+KL","dataset":{"source":"builtin","split":"forget10"},
         "continual":{"after":"%s"},"policy":{"probeEvery":1,"fullEvery":1}}
        """
            .formatted(first);
    String second =
        given(Tokens.asMember())
            .contentType(ContentType.JSON)
            .body(body)
            .post("/jobs")
            .then()
            .statusCode(201)
            .body("status", equalTo("QUEUED"))
            .extract()
            .path("id");

    // the first job halts at step 1 with step 0 as its result
    send(Topics.CHECKPOINTS, first, checkpoint(first, 0, 0, null, sha(first, 0)));
    send(Topics.EVALUATIONS, first, evaluation(first, 0, sha(first, 0), 0.60));
    command(first, 1);
    send(Topics.CHECKPOINTS, first, checkpoint(first, 1, 1, null, sha(first, 1)));
    send(Topics.EVALUATIONS, first, evaluation(first, 1, sha(first, 1), 0.10));

    // … and only then does the second start, from that result, with it as its (moving) reference
    UnlearningStepCommand baseline = command(second, 0);
    assertThat(baseline.startModel().sha256()).isEqualTo(sha(first, 0));
    assertThat(baseline.referenceModel().sha256()).isEqualTo(sha(first, 0));
    assertThat(baseline.method()).isEqualTo("NPO+KL");
    given(Tokens.asMember()).get("/jobs/" + second).then().body("status", equalTo("SUBMITTED"));

    // a job cannot follow one that ended without a result
    String cancelled = submit("HALT");
    given(Tokens.asMember()).post("/jobs/" + cancelled + "/cancel").then().statusCode(200);
    given(Tokens.asMember())
        .contentType(ContentType.JSON)
        .body(body.replace(first, cancelled))
        .post("/jobs")
        .then()
        .statusCode(422)
        .contentType(org.hamcrest.Matchers.startsWith("application/problem+json"))
        .body("detail", org.hamcrest.Matchers.containsString("without a result"));
  }

  @Test
  void aCancelledJobStops() {
    String job = submit("HALT");
    given(Tokens.asMember())
        .post("/jobs/" + job + "/cancel")
        .then()
        .statusCode(200)
        .body("status", equalTo("CANCELLED"));
    send(Topics.CHECKPOINTS, job, checkpoint(job, 0, 0, null, sha(job, 0)));
    // the checkpoint is recorded, but no training segment is commanded for a cancelled job
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                given(Tokens.asMember())
                    .get("/jobs/" + job + "/checkpoints")
                    .then()
                    .body("size()", equalTo(1)));
    assertThat(
            KeyedRecords.await(
                Topics.UNLEARNING_STEPS, job, UnlearningStepCommand.class, c -> true, 1))
        .extracting(UnlearningStepCommand::segment)
        .containsExactly(0);
  }
}
