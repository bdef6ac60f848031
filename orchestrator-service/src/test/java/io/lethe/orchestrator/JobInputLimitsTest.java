package io.lethe.orchestrator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lethe.infra.test.LetheInfraTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.ws.rs.core.Response.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every input limit of the job API, each with its status and message (test config: checkpoint root
 * {@code /ckpt}, dataset roots {@code /data/tofu} and {@code /srv/datasets}, bodies up to 64 KiB).
 */
@QuarkusTest
@WithTestResource(
    value = LetheInfraTestResource.class,
    scope = TestResourceScope.GLOBAL,
    initArgs = @ResourceArg(name = LetheInfraTestResource.POSTGRES, value = "true"))
@WithTestResource(value = JwtTestKeys.class, scope = TestResourceScope.GLOBAL)
class JobInputLimitsTest {

  // floats stay decimal text, so that 1e400 reaches the server as written (not as "Infinity")
  static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  static final int MAX_BODY = 64 * 1024;

  @TestHTTPResource("/jobs")
  URI jobs;

  /**
   * The valid job with the JSON value at {@code pointer} (e.g. /policy/floors/0/maxRelativeDrop)
   * replaced.
   */
  static String jobWith(String pointer, String json) throws Exception {
    ObjectNode job = (ObjectNode) JSON.readTree(ApiFuzzer.VALID_JOB);
    int slash = pointer.lastIndexOf('/');
    JsonNode parent = job.at(pointer.substring(0, slash));
    String name = pointer.substring(slash + 1);
    JsonNode value = JSON.readTree(json);
    if (parent.isArray()) {
      ((ArrayNode) parent).set(Integer.parseInt(name), value);
    } else {
      ((ObjectNode) parent).set(name, value);
    }
    return JSON.writeValueAsString(job);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // hyperparameters: what the trainer could not train with, or cannot have been meant
        "/hyperparameters/learningRate | 0 | hyperparameters.learningRate | must be in (0, 1]",
        "/hyperparameters/learningRate | 1.5 | hyperparameters.learningRate | must be in (0, 1]",
        "/hyperparameters/learningRate | 1e400 | hyperparameters.learningRate | must be in (0, 1]",
        "/hyperparameters/learningRate | -1e-5 | hyperparameters.learningRate | must be in (0, 1]",
        "/hyperparameters/learningRate | '\"NaN\"' | hyperparameters.learningRate | must be in (0, 1]",
        "/hyperparameters/gradientClip | '\"Infinity\"' | hyperparameters.gradientClip | must be in (0, 1000000]",
        "/hyperparameters/epochs | 0 | hyperparameters.epochs | must be an integer in [1, 1000]",
        "/hyperparameters/epochs | 1001 | hyperparameters.epochs | must be an integer in [1, 1000]",
        "/hyperparameters/effectiveBatch | 4097 | hyperparameters.effectiveBatch | must be an integer in [1, 4096]",
        "/hyperparameters/microBatch | 0 | hyperparameters.microBatch | must be an integer in [1, 1024]",
        "/hyperparameters/microBatch | 3 | hyperparameters.microBatchDividingEffectiveBatch | microBatch must divide effectiveBatch (and so be at most effectiveBatch)",
        "/hyperparameters/microBatch | 64 | hyperparameters.microBatchDividingEffectiveBatch | microBatch must divide effectiveBatch (and so be at most effectiveBatch)",
        "/hyperparameters/maxLength | 5000 | hyperparameters.maxLength | must be an integer in [8, 4096]",
        "/hyperparameters/beta | 0 | hyperparameters.beta | must be in (0, 100]",
        "/hyperparameters/weightDecay | -0.1 | hyperparameters.weightDecay | must be in [0, 1]",
        "/hyperparameters/meForm | '\"KL\"' | hyperparameters.meForm | meForm must be KL_U_P (code) or KL_P_U (paper)",
        // the control policy
        "/policy/floors/0/maxRelativeDrop | 0 | policy.floors[0].maxRelativeDrop | must be in (0, 1]",
        "/policy/floors/0/maxRelativeDrop | 1.01 | policy.floors[0].maxRelativeDrop | must be in (0, 1]",
        "/policy/floors/0 | null | policy.floors[0].<list element> | must not be null",
        "/policy/probeEvery | -1 | policy.probeEvery | must be an integer in [0, 100000]",
        "/policy/fullEvery | 100001 | policy.fullEvery | must be an integer in [0, 100000]",
        "/policy/mixTolerance | 0.6 | policy.mixTolerance | must be in (0, 0.5]",
        "/policy/mixMaxIterations | 33 | policy.mixMaxIterations | must be an integer in [1, 32]",
        "/policy/maxGradNorm | 1e7 | policy.maxGradNorm | must be in (0, 1000000]",
        "/policy/maxSteps | 0 | policy.maxSteps | must be an integer in [1, 1000000]",
        "/policy/forgetTarget/threshold | 1e300 | policy.forgetTarget.threshold | must be in [-1000000, 1000000]",
        // strings
        "/startModel/sha256 | '\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"' | startModel.sha256 | sha256 must be 64 lowercase hex digits",
        "/retainModel/sha256 | '\"abc\"' | retainModel.sha256 | sha256 must be 64 lowercase hex digits",
        "/dataset/split | '\"forget10/../x\"' | dataset.split | split must be forget01, forget05 or forget10",
        "/evaluation/shardSize | 1001 | evaluation.shardSize | must be an integer in [1, 1000]",
        "/dataset/authors | 2001 | dataset.authors | must be an integer in [1, 2000]",
        // continual tasks: the valid job's built-in data has 20 × 10 = 200 rows, forget10 → 1..9
        "/dataset/task | 0 | dataset.task | must be an integer in [1, 10000]",
        "/dataset/task | 10 | dataset.task | task 10 does not exist for forget10 of 200 built-in rows (20 authors × 10 questions): tasks are 1..9 (each forgets 20 rows counting back from the last row and must stay clear of the first 20, the retain evaluation set)",
        "/seed | -1 | seed | must be at least 0",
        // checkpoint locations (root /ckpt)
        "/startModel/uri | '\"file:///etc/passwd\"' | startModel.uri | must lie inside the checkpoint root /ckpt",
        "/startModel/uri | '\"file:///ckpt/../etc\"' | startModel.uri | must not contain '.' or '..' segments",
        "/startModel/uri | '\"file:///ckpt/%2e%2e/etc\"' | startModel.uri | must not contain '.' or '..' segments",
        "/retainModel/uri | '\"http://evil/ckpt/x\"' | retainModel.uri | must be a file: URI or an absolute path (the store is a file system)",
        "/retainModel/uri | '\"file://evil/ckpt/x\"' | retainModel.uri | must be a local file: URI (file:///…) without host, query or fragment",
        "/startModel/uri | '\"ckpt/target\"' | startModel.uri | must be absolute (relative paths resolve differently in each service)",
        "/startModel/uri | '\"/ckpt/a\\u0000b\"' | startModel.uri | must not contain control characters",
      })
  void outOfRangeValuesAreRefusedWithTheFieldAndTheRule(
      String pointer, String value, String field, String message) throws Exception {
    given(Tokens.asMember())
        .contentType(ContentType.JSON)
        .body(jobWith(pointer, value))
        .when()
        .post("/jobs")
        .then()
        .statusCode(Status.BAD_REQUEST.getStatusCode())
        .contentType(startsWith("application/problem+json"))
        .body("title", equalTo("Invalid request"))
        .body("status", equalTo(400))
        .body("violations.find { it.field == '" + field + "' }.message", equalTo(message));
  }

  @Test
  void aListOfMoreThanSixteenFloorsIsRefused() throws Exception {
    String floor = "{\"metricId\":\"tofu.model_utility@1\",\"maxRelativeDrop\":0.1}";
    String floors = "[" + String.join(",", Collections.nCopies(17, floor)) + "]";
    given(Tokens.asMember())
        .contentType(ContentType.JSON)
        .body(jobWith("/policy/floors", floors))
        .post("/jobs")
        .then()
        .statusCode(400)
        .body(
            "violations.find { it.field == 'policy.floors' }.message",
            equalTo("must hold at most 16 floors"));
  }

  @Test
  void longStringsAreRefused() throws Exception {
    String metric = "tofu." + "a".repeat(130) + "@1";
    given(Tokens.asMember())
        .contentType(ContentType.JSON)
        .body(jobWith("/policy/floors/0/metricId", JSON.writeValueAsString(metric)))
        .post("/jobs")
        .then()
        .statusCode(400)
        .body(
            "violations.find { it.field == 'policy.floors[0].metricId' }.message",
            equalTo("must be at most 128 characters"));
    given(Tokens.asMember())
        .contentType(ContentType.JSON)
        .body(jobWith("/method", JSON.writeValueAsString("GA+GD" + "x".repeat(40))))
        .post("/jobs")
        .then()
        .statusCode(400)
        .body(
            "violations.find { it.field == 'method' }.message",
            equalTo("must be at most 32 characters"));
    given(Tokens.asMember())
        .contentType(ContentType.JSON)
        .body(jobWith("/startModel/uri", JSON.writeValueAsString("/ckpt/" + "d".repeat(1100))))
        .post("/jobs")
        .then()
        .statusCode(400)
        .body(
            "violations.find { it.field == 'startModel.uri' }.message",
            equalTo("must be at most 1024 characters"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/etc/tofu | must lie inside one of the allowed dataset roots [/data/tofu, /srv/datasets]",
        "/data/tofu/../../etc | must not contain '.' or '..' segments",
        "data/tofu | must be absolute (relative paths resolve differently in each service)",
      })
  void tofuDatasetsOutsideTheAllowedRootsAreRefused(String path, String message) {
    given(Tokens.asMember())
        .contentType(ContentType.JSON)
        .body(tofuJob(path))
        .post("/jobs")
        .then()
        .statusCode(400)
        .contentType(startsWith("application/problem+json"))
        .body("violations.find { it.field == 'dataset.path' }.message", equalTo(message));
  }

  @Test
  void locationsInsideTheRootsAreAccepted() throws Exception {
    given(Tokens.asMember())
        .contentType(ContentType.JSON)
        .body(tofuJob("/data/tofu/authors"))
        .post("/jobs")
        .then()
        .statusCode(201)
        .body("dataset.path", equalTo("/data/tofu/authors"));
    given(Tokens.asMember())
        .contentType(ContentType.JSON)
        .body(jobWith("/startModel/uri", "\"/ckpt/target\""))
        .post("/jobs")
        .then()
        .statusCode(201)
        .body("startModel.uri", equalTo("/ckpt/target"));
  }

  static String tofuJob(String path) {
    return """
        {"kind":"FINETUNE","dataset":{"source":"tofu","path":%s,"split":"forget10"}}
        """
        .formatted(quote(path));
  }

  static String quote(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a number as a string | /seed | '\"12\"'",
        "a fraction for an integer | /hyperparameters/epochs | 2.5",
        "a number for a boolean | /policy/forgetTarget/higherIsBetter | 1",
        "null for a required number | /policy/floors/0/maxRelativeDrop | null",
        "an ordinal for an enum | /kind | 1",
        "an integer out of range | /hyperparameters/epochs | 1e20",
        "an object for a number | /hyperparameters/epochs | '{\"value\":5}'",
      })
  void valuesOfTheWrongTypeAreNotCoerced(String name, String pointer, String value)
      throws Exception {
    given(Tokens.asMember())
        .contentType(ContentType.JSON)
        .body(jobWith(pointer, value))
        .post("/jobs")
        .then()
        .statusCode(400)
        .contentType(startsWith("application/problem+json"))
        .body("title", equalTo("Malformed request body"));
  }

  @Test
  void anUnknownFieldIsRefusedWithTheFieldsThatExist() throws Exception {
    // a misspelt learning rate must not silently train with the default one
    given(Tokens.asMember())
        .contentType(ContentType.JSON)
        .body(jobWith("/hyperparameters/learningRte", "1e-3"))
        .post("/jobs")
        .then()
        .statusCode(400)
        .contentType(startsWith("application/problem+json"))
        .body("title", equalTo("Malformed request body"))
        .body("detail", containsString("unknown field hyperparameters.learningRte"))
        .body("detail", containsString("learningRate"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"kind\":\"UNLEARN\",\"learningRate\":NaN}", "{\"a\":Infinity}"})
  void nonFiniteNumberLiteralsAreNotJson(String body) {
    given(Tokens.asMember())
        .contentType(ContentType.JSON)
        .body(body)
        .post("/jobs")
        .then()
        .statusCode(400)
        .body("title", equalTo("Malformed request body"))
        .body("detail", equalTo("the body is not valid JSON"));
  }

  @Test
  void deepNestingIsRefused() {
    String deep = "[".repeat(5_000) + "]".repeat(5_000);
    given(Tokens.asMember())
        .contentType(ContentType.JSON)
        // in a property the request does not know, which is skipped, yet not without limit
        .body("{\"kind\":\"FINETUNE\",\"note\":" + deep + "}")
        .post("/jobs")
        .then()
        .statusCode(400)
        .body("title", equalTo("Malformed request body"))
        .body(
            "detail",
            equalTo("the body exceeds the JSON limits (nesting depth, number or string length)"));
  }

  // ---- body size ------------------------------------------------------------------------------

  static byte[] bodyOf(int bytes) {
    String prefix = "{\"kind\":\"FINETUNE\",\"method\":\"";
    return (prefix + "x".repeat(bytes - prefix.length() - 2) + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  HttpResponse<String> post(HttpRequest.BodyPublisher body) throws Exception {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    return http.send(
        HttpRequest.newBuilder(jobs)
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + Tokens.member())
            .timeout(Duration.ofSeconds(30))
            .POST(body)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  void assertTooLarge(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.headers().firstValue("content-type").orElse(""))
        .startsWith("application/problem+json");
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.path("title").asText()).isEqualTo("Request body too large");
    assertThat(problem.path("status").asInt()).isEqualTo(413);
    assertThat(problem.path("detail").asText())
        .isEqualTo("the body exceeds the limit of " + MAX_BODY + " bytes");
  }

  @Test
  void aBodyThatDeclaresMoreThanTheLimitIsRefusedUnread() throws Exception {
    assertTooLarge(post(HttpRequest.BodyPublishers.ofByteArray(bodyOf(MAX_BODY + 1))));
  }

  @Test
  void aBodyOverEvenTheTransportLimitIsRefusedBeforeItIsSent() throws Exception {
    // only the headers go out, declaring 2 MiB: the answer must come without a byte of the body
    try (Socket socket = new Socket(jobs.getHost(), jobs.getPort())) {
      socket.setSoTimeout(20_000);
      socket
          .getOutputStream()
          .write(
              ("POST /jobs HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                      + "Content-Length: 2097152\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      String answer = readResponse(socket.getInputStream());
      assertThat(answer).startsWith("HTTP/1.1 413 ");
      assertThat(answer.toLowerCase()).contains("content-type: application/problem+json");
      assertThat(answer.toLowerCase()).contains("connection: close");
      assertThat(answer)
          .endsWith(
              "\"title\":\"Request body too large\",\"status\":413,"
                  + "\"detail\":\"the body exceeds the limit of 65536 bytes\",\"instance\":\"/jobs\"}");
    }
  }

  /** Status line, headers and a body of Content-Length bytes (the connection stays open). */
  static String readResponse(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.append((char) b);
    }
    Matcher length = Pattern.compile("(?i)content-length: *([0-9]+)").matcher(head);
    assertThat(length.find()).as("a Content-Length in " + head).isTrue();
    byte[] body = in.readNBytes(Integer.parseInt(length.group(1)));
    return head + new String(body, StandardCharsets.UTF_8);
  }

  @Test
  void aChunkedBodyIsCutOffAtTheLimit() throws Exception {
    byte[] body = bodyOf(MAX_BODY + 10_000);
    // a stream of unknown length goes out chunked, without a Content-Length
    assertTooLarge(
        post(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
  }

  @Test
  void aBodyJustUnderTheLimitIsRead() throws Exception {
    // read in full and refused for its content, not its size
    HttpResponse<String> response = post(HttpRequest.BodyPublishers.ofByteArray(bodyOf(MAX_BODY)));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).path("title").asText()).isEqualTo("Invalid request");
  }

  // ---- query and path parameters --------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"abc", "0", "501", "-1", "1.5", "99999999999"})
  void aBadLimitIsABadRequest(String limit) {
    given(Tokens.asMember())
        .queryParam("limit", limit)
        .get("/jobs")
        .then()
        .statusCode(400)
        .contentType(startsWith("application/problem+json"))
        .body("violations[0].field", equalTo("limit"))
        .body("violations[0].message", equalTo("limit must be an integer from 1 to 500"));
  }

  @Test
  void anUnknownReportFormatIsABadRequest() {
    String id = submit();
    given(Tokens.asMember())
        .queryParam("format", "pdf")
        .get("/jobs/" + id + "/report")
        .then()
        .statusCode(400)
        .contentType(startsWith("application/problem+json"))
        .body("violations[0].field", equalTo("format"))
        .body(
            "violations[0].message",
            equalTo("format must be json or html (or absent: chosen by the Accept header)"));
    given(Tokens.asMember())
        .queryParam("format", "HTML")
        .get("/jobs/" + id + "/report")
        .then()
        .statusCode(200);
    given(Tokens.asMember())
        .queryParam("format", "json")
        .get("/jobs/" + id + "/report")
        .then()
        .statusCode(200)
        .contentType(startsWith("application/json"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/decisions", "/evaluations", "/checkpoints", "/report", "/events"})
  void malformedIdsAreNotFoundOnEveryEndpoint(String suffix) {
    for (String id :
        new String[] {
          "not-a-uuid", "1-1-1-1-1", "00000000-0000-4000-8000-00000000000g", "%27%20OR%201%3D1"
        }) {
      given(Tokens.asMember())
          .urlEncodingEnabled(false)
          .when()
          .get("/jobs/" + id + suffix)
          .then()
          .statusCode(404)
          .contentType(startsWith("application/problem+json"))
          .body("title", equalTo("Job not found"));
    }
    given(Tokens.asMember())
        .urlEncodingEnabled(false)
        .post("/jobs/not-a-uuid/cancel")
        .then()
        .statusCode(404)
        .body("title", equalTo("Job not found"));
  }

  @Test
  void theProgressStreamOfAnUnknownJobIsNotFoundBeforeItStarts() {
    given(Tokens.asMember())
        .accept("text/event-stream")
        .get("/jobs/00000000-0000-4000-8000-00000000dead/events")
        .then()
        .statusCode(404)
        .contentType(startsWith("application/problem+json"))
        .body("detail", containsString("no job 00000000-0000-4000-8000-00000000dead"));
  }

  static String submit() {
    return given(Tokens.asMember())
        .contentType(ContentType.JSON)
        .body(ApiFuzzer.VALID_JOB)
        .post("/jobs")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  @Test
  void violationsNameEveryBadFieldAtOnce() throws Exception {
    String body = jobWith("/hyperparameters/epochs", "0");
    ObjectNode job = (ObjectNode) JSON.readTree(body);
    ((ObjectNode) job.get("policy")).put("mixTolerance", 0.9);
    Map<?, ?> problem =
        given(Tokens.asMember())
            .contentType(ContentType.JSON)
            .body(JSON.writeValueAsString(job))
            .post("/jobs")
            .then()
            .statusCode(400)
            .body("violations.field", hasItem("hyperparameters.epochs"))
            .body("violations.field", hasItem("policy.mixTolerance"))
            .extract()
            .as(Map.class);
    assertThat(problem.get("detail")).isEqualTo("2 field(s) are invalid");
  }
}
