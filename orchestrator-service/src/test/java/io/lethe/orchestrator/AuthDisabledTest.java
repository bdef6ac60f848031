package io.lethe.orchestrator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.lethe.infra.test.LetheInfraTestResource;
import io.lethe.orchestrator.auth.TenantScope;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With {@code lethe.auth.enabled=false} the API serves callers without a token, as one tenant that
 * sees everything — the escape hatch for a machine nobody else reaches, not a default.
 */
@QuarkusTest
@TestProfile(AuthDisabledTest.AuthDisabled.class)
@WithTestResource(
    value = LetheInfraTestResource.class,
    scope = TestResourceScope.GLOBAL,
    initArgs = @ResourceArg(name = LetheInfraTestResource.POSTGRES, value = "true"))
@WithTestResource(value = JwtTestKeys.class, scope = TestResourceScope.GLOBAL)
class AuthDisabledTest {

  /** The switch, and nothing else changed. */
  public static class AuthDisabled implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("lethe.auth.enabled", "false");
    }
  }

  @Test
  void everyCallerMaySubmitReadAndCancelWithoutAToken() {
    String id =
        given()
            .contentType(ContentType.JSON)
            .body(ApiFuzzer.VALID_JOB)
            .post("/jobs")
            .then()
            .statusCode(201)
            .body("tenant", equalTo(TenantScope.DEFAULT_TENANT))
            .extract()
            .path("id");
    given().get("/jobs").then().statusCode(200).body("id", hasItem(id));
    given().get("/jobs/" + id + "/report").then().statusCode(200);
    given()
        .post("/jobs/" + id + "/cancel")
        .then()
        .statusCode(200)
        .body("status", equalTo("CANCELLED"));
  }
}
