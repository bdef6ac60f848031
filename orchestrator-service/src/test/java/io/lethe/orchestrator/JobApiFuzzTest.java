package io.lethe.orchestrator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lethe.infra.test.LetheInfraTestResource;
import io.lethe.orchestrator.auth.Roles;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes every endpoint of the job API with {@value #REQUESTS} generated malformed requests (fixed
 * seed, see {@link ApiFuzzer}) on the real application, PostgreSQL and Kafka: no request may get a
 * 5xx or an error that is not problem+json with its title and status, no refused credential may get
 * a 2xx, and the service must still accept a valid job afterwards.
 */
@QuarkusTest
@WithTestResource(
    value = LetheInfraTestResource.class,
    scope = TestResourceScope.GLOBAL,
    initArgs = @ResourceArg(name = LetheInfraTestResource.POSTGRES, value = "true"))
@WithTestResource(value = JwtTestKeys.class, scope = TestResourceScope.GLOBAL)
class JobApiFuzzTest {

  /** Fixed, so a run is reproducible; {@code -Dlethe.fuzz.seed=…} explores other requests. */
  static final long SEED = Long.getLong("lethe.fuzz.seed", 0x1E7E_F022L);

  static final int REQUESTS = Integer.getInteger("lethe.fuzz.requests", 600);

  private static final ObjectMapper JSON = new ObjectMapper();

  @TestHTTPResource("/")
  URI base;

  @Test
  void malformedRequestsGetProblemDetailsAndNeverAServerError() throws InterruptedException {
    String existing = submitValidJob();
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    ApiFuzzer fuzzer =
        new ApiFuzzer(SEED, existing, "Bearer " + Tokens.member(), refusedAuthorizations());
    Map<String, Integer> histogram = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      ApiFuzzer.Request request = fuzzer.next();
      String outcome;
      try {
        HttpResponse<byte[]> response =
            http.send(build(request), HttpResponse.BodyHandlers.ofByteArray());
        outcome = Integer.toString(response.statusCode());
        problemWith(response).ifPresent(p -> failures.add(p + " ← " + request.describe()));
        if (request.kind().equals("credentials") && grants(request, response, existing)) {
          failures.add("granted " + response.statusCode() + " ← " + request.describe());
        }
        if (Boolean.getBoolean("lethe.fuzz.show-accepted") && response.statusCode() == 201) {
          System.out.println("  ACCEPTED " + request.kind() + " " + new String(request.body()));
        }
      } catch (IOException e) {
        outcome = "io-error";
        failures.add("no answer (" + e + ") ← " + request.describe());
      }
      histogram.merge(outcome, 1, Integer::sum);
    }
    System.out.printf(
        "API fuzz: %d requests (seed %d), status histogram %s%n", REQUESTS, SEED, histogram);
    failures.stream().limit(30).forEach(f -> System.out.println("  FAILED " + f));

    assertThat(failures).as("malformed requests answered wrongly").isEmpty();
    assertThat(histogram.keySet()).allMatch(s -> s.charAt(0) == '2' || s.charAt(0) == '4');
    // a mutation may leave a valid job (an optional field removed): most must have been refused
    assertThat(
            histogram.entrySet().stream()
                .filter(e -> e.getKey().startsWith("4"))
                .mapToInt(Map.Entry::getValue)
                .sum())
        .isGreaterThanOrEqualTo(500);
    // still serving: healthy (database and Kafka included), and a valid job is accepted
    given(Tokens.asMember()).when().get("/q/health").then().statusCode(200);
    assertThat(submitValidJob()).isNotBlank();
  }

  /**
   * Headers that must not get a caller what it asks for: forged, expired, from another issuer,
   * without a role or tenant, or another tenant's (to whom the fuzzed job does not exist).
   */
  private static List<String> refusedAuthorizations() {
    return List.of(
            Tokens.expired(),
            Tokens.signedByAnotherKey(),
            Tokens.fromIssuer("https://idp.example.com/realms/other"),
            Tokens.unsigned(),
            Tokens.tampered(),
            Tokens.hmacWithThePublicKey(),
            Tokens.of(Tokens.TENANT),
            Tokens.of(null, Roles.SUBMIT, Roles.VIEW),
            Tokens.of("../" + Tokens.TENANT, Roles.SUBMIT, Roles.VIEW),
            Tokens.of("tenant-b", Roles.VIEW))
        .stream()
        .map(token -> "Bearer " + token)
        .toList();
  }

  /**
   * Whether refused credentials got something: any success, except another tenant's own (possibly
   * empty) list — which must not show the fuzzed job.
   */
  private static boolean grants(
      ApiFuzzer.Request request, HttpResponse<byte[]> response, String existing) {
    if (response.statusCode() >= 300) {
      return false;
    }
    boolean ownList = request.method().equals("GET") && request.path().equals("/jobs");
    return !ownList || new String(response.body()).contains(existing);
  }

  /** What is wrong with an answer to a malformed request, if anything. */
  private static Optional<String> problemWith(HttpResponse<byte[]> response) {
    int status = response.statusCode();
    if (status >= 500) {
      return Optional.of("server error " + status + " " + new String(response.body()));
    }
    if (status < 400) {
      return Optional.empty();
    }
    String type = response.headers().firstValue("content-type").orElse("");
    if (!type.startsWith("application/problem+json")) {
      return Optional.of(status + " with content type '" + type + "'");
    }
    try {
      JsonNode problem = JSON.readTree(response.body());
      if (!problem.path("title").isTextual() || problem.path("title").asText().isBlank()) {
        return Optional.of(status + " without a title: " + problem);
      }
      if (problem.path("status").asInt() != status) {
        return Optional.of(status + " with status " + problem.path("status"));
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(status + " with a body that is not JSON");
    }
  }

  private HttpRequest build(ApiFuzzer.Request r) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(r.path())).timeout(Duration.ofSeconds(20));
    if (r.contentType() != null) {
      b.header("Content-Type", r.contentType());
    }
    if (r.accept() != null) {
      b.header("Accept", r.accept());
    }
    if (r.authorization() != null) {
      b.header("Authorization", r.authorization());
    }
    HttpRequest.BodyPublisher body;
    if (r.body() == null) {
      body = HttpRequest.BodyPublishers.noBody();
    } else if (r.chunked()) {
      // an input stream has no known length: the client streams it chunked, without Content-Length
      body = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(r.body()));
    } else {
      body = HttpRequest.BodyPublishers.ofByteArray(r.body());
    }
    return b.method(r.method(), body).build();
  }

  private static String submitValidJob() {
    return given(Tokens.asMember())
        .contentType(ContentType.JSON)
        .body(ApiFuzzer.VALID_JOB)
        .when()
        .post("/jobs")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }
}
