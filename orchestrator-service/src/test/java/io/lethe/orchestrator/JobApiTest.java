package io.lethe.orchestrator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.lethe.infra.test.InjectKafkaCompanion;
import io.lethe.infra.test.LetheInfraTestResource;
import io.lethe.schemas.Topics;
import io.lethe.schemas.domain.EvaluationKind;
import io.lethe.schemas.domain.JobKind;
import io.lethe.schemas.events.UnlearningStepCommand;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.ws.rs.core.Response.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The job API on real PostgreSQL and Kafka: a valid job is stored and commanded; bad input is a
 * clear 4xx.
 */
@QuarkusTest
@WithTestResource(
    value = LetheInfraTestResource.class,
    scope = TestResourceScope.GLOBAL,
    initArgs = @ResourceArg(name = LetheInfraTestResource.POSTGRES, value = "true"))
@WithTestResource(value = JwtTestKeys.class, scope = TestResourceScope.GLOBAL)
class JobApiTest {

  static final String SHA = "a".repeat(64);
  static final String UNLEARN_JOB =
      """
      {"kind":"UNLEARN","method":"GA+GD",
       "dataset":{"source":"builtin","split":"forget10","seed":7,"authors":20,"questionsPerAuthor":10},
       "startModel":{"uri":"file:///ckpt/target","sha256":"%s"},
       "retainModel":{"uri":"file:///ckpt/retain","sha256":"%s"},
       "hyperparameters":{"learningRate":1e-5,"epochs":5},
       "policy":{"floors":[{"metricId":"tofu.model_utility@1","maxRelativeDrop":0.1}],"onBreach":"HALT"}}
      """
          .formatted(SHA, SHA);

  @InjectKafkaCompanion KafkaCompanion companion;

  @Test
  void aValidJobIsPersistedAndItsBaselineCommandIsPublished() {
    String id =
        given(Tokens.asMember())
            .contentType(ContentType.JSON)
            .body(UNLEARN_JOB)
            .when()
            .post("/jobs")
            .then()
            .statusCode(Status.CREATED.getStatusCode())
            .header("Location", containsString("/jobs/"))
            .body("status", equalTo("SUBMITTED"))
            .body("method", equalTo("GA+GD"))
            .body("policy.floors[0].maxRelativeDrop", equalTo(0.1f))
            .extract()
            .path("id");

    given(Tokens.asMember())
        .when()
        .get("/jobs/" + id)
        .then()
        .statusCode(Status.OK.getStatusCode())
        .body("dataset.split", equalTo("forget10"))
        .body("seed", equalTo(1001));
    given(Tokens.asMember()).when().get("/jobs").then().statusCode(200).body("id", hasItem(id));

    UnlearningStepCommand command =
        KeyedRecords.await(Topics.UNLEARNING_STEPS, id, UnlearningStepCommand.class, c -> true, 1)
            .get(0);
    assertThat(command.jobId()).isEqualTo(id);
    assertThat(command.kind()).isEqualTo(JobKind.UNLEARN);
    assertThat(command.segment()).isZero();
    assertThat(command.toStep()).isZero();
    assertThat(command.evaluation().kind()).isEqualTo(EvaluationKind.FULL);
    assertThat(command.evaluation().retainModel().sha256()).isEqualTo(SHA);
    assertThat(command.startModel().uri()).isEqualTo("file:///ckpt/target");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "missing kind | {\"dataset\":{\"source\":\"builtin\",\"split\":\"forget10\"}} | kind",
        "unknown method | {\"kind\":\"UNLEARN\",\"method\":\"FORGET_ALL\",\"dataset\":{\"source\":\"builtin\",\"split\":\"forget10\"},\"startModel\":{\"uri\":\"file:///ckpt/c\",\"sha256\":\""
            + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
            + "\"}} | methodValid",
        "bad split | {\"kind\":\"FINETUNE\",\"dataset\":{\"source\":\"builtin\",\"split\":\"forget33\"}} | dataset.split",
        "path traversal | {\"kind\":\"FINETUNE\",\"dataset\":{\"source\":\"tofu\",\"path\":\"/data/tofu/../../etc\",\"split\":\"forget10\"}} | dataset.path",
        "learning rate out of range | {\"kind\":\"FINETUNE\",\"dataset\":{\"source\":\"builtin\",\"split\":\"forget10\"},\"hyperparameters\":{\"learningRate\":5}} | hyperparameters.learningRate",
        "MIX is not submittable | {\"kind\":\"MIX\",\"dataset\":{\"source\":\"builtin\",\"split\":\"forget10\"}} | submittableKind",
        "unlearning without a start model | {\"kind\":\"UNLEARN\",\"method\":\"GA\",\"dataset\":{\"source\":\"builtin\",\"split\":\"forget10\"}} | startModelValid",
        "continual fine-tuning | {\"kind\":\"FINETUNE\",\"dataset\":{\"source\":\"builtin\",\"split\":\"forget10\"},\"continual\":{\"after\":\"00000000-0000-4000-8000-000000000001\"}} | startModelValid",
        "continual after a non-id | {\"kind\":\"UNLEARN\",\"method\":\"GA\",\"dataset\":{\"source\":\"builtin\",\"split\":\"forget10\"},\"continual\":{\"after\":\"../x\"}} | continual.after",
      })
  void invalidJobsAreRejectedWithProblemDetails(String name, String body, String field) {
    given(Tokens.asMember())
        .contentType(ContentType.JSON)
        .body(body)
        .when()
        .post("/jobs")
        .then()
        .statusCode(Status.BAD_REQUEST.getStatusCode())
        .contentType(startsWith("application/problem+json"))
        .body("status", equalTo(400))
        .body("title", equalTo("Invalid request"))
        .body("violations.field", hasItem(field));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not JSON | {\"kind\":",
        "wrong type | {\"kind\":\"UNLEARN\",\"seed\":\"soon\"}",
        "unknown enum | {\"kind\":\"FORGET\"}",
        "array body | [1,2]",
      })
  void unreadableBodiesAreRejectedWithProblemDetails(String name, String body) {
    given(Tokens.asMember())
        .contentType(ContentType.JSON)
        .body(body)
        .when()
        .post("/jobs")
        .then()
        .statusCode(Status.BAD_REQUEST.getStatusCode())
        .contentType(startsWith("application/problem+json"))
        .body("status", equalTo(400));
  }

  @Test
  void aContinualTaskIsStoredAndCommanded() {
    String id =
        given(Tokens.asMember())
            .contentType(ContentType.JSON)
            .body(
                UNLEARN_JOB.replace("\"split\":\"forget10\"", "\"split\":\"forget01\",\"task\":90"))
            .when()
            .post("/jobs")
            .then()
            .statusCode(Status.CREATED.getStatusCode())
            .body("dataset.task", equalTo(90))
            .extract()
            .path("id");
    UnlearningStepCommand command =
        KeyedRecords.await(Topics.UNLEARNING_STEPS, id, UnlearningStepCommand.class, c -> true, 1)
            .get(0);
    assertThat(command.dataset().task()).isEqualTo(90);
    assertThat(command.dataset().split()).isEqualTo("forget01");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // 200 built-in rows: forget01 has 90 tasks of 2 rows before the 20 retain-evaluation rows
        "forget01 | 91 | 20 | 10 | tasks are 1..90",
        // 4 authors × 10 questions = 40 rows: forget05 has (40 − 4) / 2 = 18 tasks
        "forget05 | 19 | 4 | 10 | task 19 does not exist for forget05 of 40 built-in rows (4 authors × 10 questions): tasks are 1..18",
      })
  void aTaskBeyondTheBuiltInDataIsABadRequest(
      String split, int task, int authors, int questions, String message) {
    given(Tokens.asMember())
        .contentType(ContentType.JSON)
        .body(
            "{\"kind\":\"FINETUNE\",\"dataset\":{\"source\":\"builtin\",\"split\":\"%s\",\"task\":%d,\"authors\":%d,\"questionsPerAuthor\":%d,\"trainOn\":\"retain\"}}"
                .formatted(split, task, authors, questions))
        .when()
        .post("/jobs")
        .then()
        .statusCode(Status.BAD_REQUEST.getStatusCode())
        .contentType(startsWith("application/problem+json"))
        .body("violations.find { it.field == 'dataset.task' }.message", containsString(message));
  }

  @Test
  void aContinualJobAfterAnUnknownJobIsUnprocessable() {
    given(Tokens.asMember())
        .contentType(ContentType.JSON)
        .body(
            "{\"kind\":\"UNLEARN\",\"method\":\"GA\",\"dataset\":{\"source\":\"builtin\",\"split\":\"forget10\"},"
                + "\"continual\":{\"after\":\"00000000-0000-4000-8000-0000000000aa\"}}")
        .post("/jobs")
        .then()
        .statusCode(422)
        .contentType(startsWith("application/problem+json"))
        .body("detail", containsString("there is no job"));
  }

  @Test
  void emptyBodyIsABadRequest() {
    given(Tokens.asMember())
        .contentType(ContentType.JSON)
        .when()
        .post("/jobs")
        .then()
        .statusCode(Status.BAD_REQUEST.getStatusCode())
        .contentType(startsWith("application/problem+json"));
  }

  @Test
  void unknownJobsAreNotFound() {
    for (String id : new String[] {"00000000-0000-4000-8000-0000000000ff", "not-a-uuid"}) {
      given(Tokens.asMember())
          .when()
          .get("/jobs/" + id)
          .then()
          .statusCode(Status.NOT_FOUND.getStatusCode())
          .contentType(startsWith("application/problem+json"))
          .body("title", equalTo("Job not found"));
    }
  }

  @Test
  void openApiDocumentsTheJobApi() {
    given(Tokens.asMember())
        .when()
        .get("/q/openapi?format=json")
        .then()
        .statusCode(200)
        .body("paths", org.hamcrest.Matchers.hasKey("/jobs"));
  }
}
