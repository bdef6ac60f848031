package io.lethe.orchestrator;

import static io.lethe.orchestrator.Tokens.bearer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.lethe.infra.test.LetheInfraTestResource;
import io.lethe.orchestrator.auth.Roles;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bearer JWT authentication and tenant isolation of the job API on the real application, PostgreSQL
 * and Kafka: without a valid token nothing but {@code /q/*} answers (401); a role the endpoint
 * needs is missing: 403; another tenant's job does not exist (404, on every endpoint); admins see
 * every tenant. Every refusal is problem+json.
 */
@QuarkusTest
@WithTestResource(
    value = LetheInfraTestResource.class,
    scope = TestResourceScope.GLOBAL,
    initArgs = @ResourceArg(name = LetheInfraTestResource.POSTGRES, value = "true"))
@WithTestResource(value = JwtTestKeys.class, scope = TestResourceScope.GLOBAL)
class JobApiSecurityTest {

  static final String UNKNOWN = "00000000-0000-4000-8000-0000000000ee";

  /** Every endpoint of the job API, with its method, for a job id. */
  static List<String[]> endpoints(String id) {
    return List.of(
        new String[] {"POST", "/jobs"},
        new String[] {"GET", "/jobs"},
        new String[] {"GET", "/jobs/" + id},
        new String[] {"POST", "/jobs/" + id + "/cancel"},
        new String[] {"GET", "/jobs/" + id + "/decisions"},
        new String[] {"GET", "/jobs/" + id + "/evaluations"},
        new String[] {"GET", "/jobs/" + id + "/checkpoints"},
        new String[] {"GET", "/jobs/" + id + "/report"},
        new String[] {"GET", "/jobs/" + id + "/events"});
  }

  static String submitAs(String token) {
    return given(bearer(token))
        .contentType(ContentType.JSON)
        .body(ApiFuzzer.VALID_JOB)
        .post("/jobs")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  static ValidatableResponse call(RequestSpecification spec, String method, String path) {
    RequestSpecification request = spec.accept("*/*");
    if (method.equals("POST") && path.equals("/jobs")) {
      request = request.contentType(ContentType.JSON).body(ApiFuzzer.VALID_JOB);
    }
    return request.request(method, path).then();
  }

  static ValidatableResponse assertProblem(ValidatableResponse response, int status, String title) {
    return response
        .statusCode(status)
        .contentType(startsWith("application/problem+json"))
        .body("status", equalTo(status))
        .body("title", equalTo(title));
  }

  // ---- authentication -------------------------------------------------------------------------

  @Test
  void withoutATokenEveryEndpointIsUnauthorizedAndSaysNothingAboutTheJob() {
    String existing = submitAs(Tokens.member());
    for (String id : List.of(existing, UNKNOWN)) {
      for (String[] endpoint : endpoints(id)) {
        ValidatableResponse response = call(given(), endpoint[0], endpoint[1]);
        assertProblem(response, 401, "Unauthorized");
        response
            .header("WWW-Authenticate", startsWith("Bearer"))
            .body("detail", containsString("bearer token is required"));
      }
    }
  }

  static Stream<Arguments> refusedTokens() {
    return Stream.of(
        refused("expired", Tokens::expired),
        refused("signed by another key", Tokens::signedByAnotherKey),
        refused("another issuer", () -> Tokens.fromIssuer("https://idp.example.com/realms/x")),
        refused("unsigned (alg none)", Tokens::unsigned),
        refused("payload edited after signing", Tokens::tampered),
        refused("HS256 with the public key", Tokens::hmacWithThePublicKey),
        refused("not a JWT", () -> "not.a.jwt"),
        refused("truncated signature", () -> Tokens.member().replaceAll(".{10}$", "")),
        refused("trailing text", () -> Tokens.member() + " trailing"));
  }

  static Arguments refused(String name, Supplier<String> token) {
    return Arguments.of(name, token);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedTokens")
  void aTokenThatFailsVerificationIsUnauthorized(String name, Supplier<String> token) {
    String forged = token.get();
    for (String[] endpoint : endpoints(submitAs(Tokens.member()))) {
      ValidatableResponse response = call(given(bearer(forged)), endpoint[0], endpoint[1]);
      assertProblem(response, 401, "Unauthorized");
      response
          .header("WWW-Authenticate", containsString("invalid_token"))
          .body("detail", equalTo("the bearer token is invalid or expired"));
    }
  }

  @Test
  void healthMetricsAndTheApiDescriptionNeedNoToken() {
    given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
    // a prober that sends some token must not fail on it: only endpoints that need one verify it
    given(bearer("not.a.jwt")).get("/q/health/ready").then().statusCode(200);
    given().get("/q/metrics").then().statusCode(200);
    given()
        .get("/q/openapi?format=json")
        .then()
        .statusCode(200)
        .body("components.securitySchemes.collect { it.value.scheme }", hasItem("bearer"));
  }

  // ---- roles ----------------------------------------------------------------------------------

  @Test
  void aViewerCannotSubmitOrCancel() {
    String viewer = Tokens.of(Tokens.TENANT, Roles.VIEW);
    String job = submitAs(Tokens.member());
    assertProblem(call(given(bearer(viewer)), "POST", "/jobs"), 403, "Forbidden");
    call(given(bearer(viewer)), "POST", "/jobs")
        .body("detail", equalTo("this needs a token with the role submit"));
    assertProblem(call(given(bearer(viewer)), "POST", "/jobs/" + job + "/cancel"), 403, "Forbidden")
        .body("detail", equalTo("this needs a token with the role submit or admin"));
    given(bearer(viewer)).get("/jobs/" + job).then().statusCode(200);
  }

  @Test
  void aSubmitterWithoutViewCannotRead() {
    String submitter = Tokens.of(Tokens.TENANT, Roles.SUBMIT);
    String job = submitAs(submitter);
    for (String[] endpoint : endpoints(job)) {
      if (endpoint[0].equals("GET")) {
        assertProblem(call(given(bearer(submitter)), endpoint[0], endpoint[1]), 403, "Forbidden")
            .body("detail", equalTo("this needs a token with the role view or admin"));
      }
    }
    given(bearer(submitter)).post("/jobs/" + job + "/cancel").then().statusCode(200);
  }

  @Test
  void aTokenWithoutRolesIsForbiddenEverywhere() {
    String nobody = Tokens.of(Tokens.TENANT);
    for (String[] endpoint : endpoints(submitAs(Tokens.member()))) {
      assertProblem(call(given(bearer(nobody)), endpoint[0], endpoint[1]), 403, "Forbidden");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "../other", "tenant a", "x/y"})
  void aTokenWithoutAUsableTenantIsForbidden(String tenant) {
    String token =
        tenant.isEmpty()
            ? Tokens.of(null, Roles.SUBMIT, Roles.VIEW)
            : Tokens.of(tenant, Roles.SUBMIT, Roles.VIEW);
    assertProblem(given(bearer(token)).get("/jobs").then(), 403, "Forbidden")
        .body("detail", containsString("tenant"));
    assertProblem(call(given(bearer(token)), "POST", "/jobs"), 403, "Forbidden");
  }

  @Test
  void aTenantClaimThatIsNotAStringIsForbidden() {
    String token = Tokens.claims(null, Roles.VIEW).claim("tenant", 42).sign(Tokens.signingKey());
    assertProblem(given(bearer(token)).get("/jobs").then(), 403, "Forbidden");
  }

  // ---- tenants --------------------------------------------------------------------------------

  @Test
  void anotherTenantsJobDoesNotExistOnAnyEndpoint() {
    String tenantA = Tokens.member();
    String tenantB = Tokens.of("tenant-b", Roles.SUBMIT, Roles.VIEW);
    String jobOfA = submitAs(tenantA);
    for (String[] endpoint : endpoints(jobOfA)) {
      if (endpoint[1].equals("/jobs")) {
        continue;
      }
      ValidatableResponse asB = call(given(bearer(tenantB)), endpoint[0], endpoint[1]);
      ValidatableResponse unknown =
          call(given(bearer(tenantB)), endpoint[0], endpoint[1].replace(jobOfA, UNKNOWN));
      assertProblem(asB, 404, "Job not found");
      assertProblem(unknown, 404, "Job not found");
      // the same answer as for a job that does not exist, up to the id it names
      assertThat(asB.extract().<String>path("detail").replace(jobOfA, "ID"))
          .isEqualTo(unknown.extract().<String>path("detail").replace(UNKNOWN, "ID"));
    }
    // B's cancel did not reach A's job
    given(bearer(tenantA))
        .get("/jobs/" + jobOfA)
        .then()
        .statusCode(200)
        .body("status", equalTo("SUBMITTED"))
        .body("tenant", equalTo(Tokens.TENANT));
  }

  @Test
  void eachTenantListsOnlyItsOwnJobsAndAnAdminListsAll() {
    String tenantA = Tokens.member();
    String tenantB = Tokens.of("tenant-b", Roles.SUBMIT, Roles.VIEW);
    String jobOfA = submitAs(tenantA);
    String jobOfB = submitAs(tenantB);

    given(bearer(tenantA))
        .get("/jobs?limit=500")
        .then()
        .statusCode(200)
        .body("id", hasItem(jobOfA))
        .body("id", not(hasItem(jobOfB)))
        .body("tenant", everyItem(equalTo(Tokens.TENANT)));
    given(bearer(tenantB))
        .get("/jobs?limit=500")
        .then()
        .statusCode(200)
        .body("id", hasItem(jobOfB))
        .body("id", not(hasItem(jobOfA)))
        .body("tenant", everyItem(equalTo("tenant-b")));
    given(bearer(Tokens.admin()))
        .get("/jobs?limit=500")
        .then()
        .statusCode(200)
        .body("id", hasItems(jobOfA, jobOfB))
        .body("tenant", hasItems(Tokens.TENANT, "tenant-b"));
  }

  @Test
  void anAdminReadsAndCancelsAnyTenantsJob() {
    String jobOfB = submitAs(Tokens.of("tenant-b", Roles.SUBMIT, Roles.VIEW));
    String admin = Tokens.admin();
    given(bearer(admin))
        .get("/jobs/" + jobOfB)
        .then()
        .statusCode(200)
        .body("tenant", equalTo("tenant-b"));
    given(bearer(admin)).get("/jobs/" + jobOfB + "/report").then().statusCode(200);
    given(bearer(admin))
        .post("/jobs/" + jobOfB + "/cancel")
        .then()
        .statusCode(200)
        .body("status", equalTo("CANCELLED"));
    // an admin token without a tenant reads everything but cannot submit: a job needs an owner
    String tenantless = Tokens.of(null, Roles.ADMIN, Roles.SUBMIT);
    given(bearer(tenantless)).get("/jobs/" + jobOfB).then().statusCode(200);
    assertProblem(call(given(bearer(tenantless)), "POST", "/jobs"), 403, "Forbidden")
        .body("detail", containsString("names none"));
  }

  @Test
  void aSubmittedJobBelongsToTheTokensTenantWhateverTheBodySays() {
    // the tenant is not a field of a job request: a body that names one is refused outright
    String body = ApiFuzzer.VALID_JOB.replaceFirst("\\{", "{\"tenant\":\"tenant-b\",");
    given(Tokens.asMember())
        .contentType(ContentType.JSON)
        .body(body)
        .post("/jobs")
        .then()
        .statusCode(400)
        .body("detail", org.hamcrest.Matchers.containsString("unknown field tenant"));
    // without it, the job is the token's tenant's
    given(Tokens.asMember())
        .contentType(ContentType.JSON)
        .body(ApiFuzzer.VALID_JOB)
        .post("/jobs")
        .then()
        .statusCode(201)
        .body("tenant", equalTo(Tokens.TENANT));
  }

  @Test
  void aContinualJobCannotStartFromAnotherTenantsJob() {
    String jobOfA = submitAs(Tokens.member());
    String after =
        """
        {"kind":"UNLEARN","method":"GA","dataset":{"source":"builtin","split":"forget10"},
         "continual":{"after":"%s"}}
        """
            .formatted(jobOfA);
    String submittingAdmin = Tokens.of("operators", Roles.SUBMIT, Roles.VIEW, Roles.ADMIN);
    for (String token : List.of(Tokens.of("tenant-b", Roles.SUBMIT, Roles.VIEW), submittingAdmin)) {
      assertProblem(
              given(bearer(token)).contentType(ContentType.JSON).body(after).post("/jobs").then(),
              422,
              "Job cannot be accepted")
          .body("detail", equalTo("continual.after: there is no job " + jobOfA));
    }
    // the owner may: queued behind its own job
    given(Tokens.asMember())
        .contentType(ContentType.JSON)
        .body(after)
        .post("/jobs")
        .then()
        .statusCode(201)
        .body("status", equalTo("QUEUED"));
  }
}
