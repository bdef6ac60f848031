package io.lethe.stack.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The orchestrator's job API as the demo uses it — the same HTTP calls a user's client makes, each
 * with the bearer token the API requires.
 */
public final class OrchestratorClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final String token;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /**
   * @param base the orchestrator's base URL
   * @param token a bearer token with the roles the calls need (submit, view)
   */
  public OrchestratorClient(URI base, String token) {
    this.base = base;
    this.token = token;
  }

  /** Submits a job; returns its id. */
  public String submit(JsonNode job) {
    JsonNode created =
        send(
            HttpRequest.newBuilder(base.resolve("/jobs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(job.toString())),
            201);
    return created.get("id").asText();
  }

  /** The caller's jobs (an admin's: every tenant's), newest first. */
  public JsonNode jobs() {
    return send(HttpRequest.newBuilder(base.resolve("/jobs")).GET(), 200);
  }

  /** The job's current state. */
  public JsonNode job(String id) {
    return send(HttpRequest.newBuilder(base.resolve("/jobs/" + id)).GET(), 200);
  }

  /** Cancels a job that has not ended; returns its state. */
  public JsonNode cancel(String id) {
    return send(
        HttpRequest.newBuilder(base.resolve("/jobs/" + id + "/cancel"))
            .POST(HttpRequest.BodyPublishers.noBody()),
        200);
  }

  /** The controller's decisions on the job, oldest first (the audit trail). */
  public JsonNode decisions(String id) {
    return send(HttpRequest.newBuilder(base.resolve("/jobs/" + id + "/decisions")).GET(), 200);
  }

  /** The job's checkpoints, in step order. */
  public JsonNode checkpoints(String id) {
    return send(HttpRequest.newBuilder(base.resolve("/jobs/" + id + "/checkpoints")).GET(), 200);
  }

  /** The job's evaluations, in step order. */
  public JsonNode evaluations(String id) {
    return send(HttpRequest.newBuilder(base.resolve("/jobs/" + id + "/evaluations")).GET(), 200);
  }

  /** The job's report as JSON. */
  public JsonNode report(String id) {
    return send(
        HttpRequest.newBuilder(base.resolve("/jobs/" + id + "/report"))
            .header("Accept", "application/json")
            .GET(),
        200);
  }

  /** The job's report as a self-contained HTML page. */
  public String reportHtml(String id) {
    return text(
        HttpRequest.newBuilder(base.resolve("/jobs/" + id + "/report?format=html")).GET(), 200);
  }

  private JsonNode send(HttpRequest.Builder request, int expected) {
    try {
      return JSON.readTree(text(request, expected));
    } catch (IOException e) {
      throw new DemoException("unreadable answer from the orchestrator: " + e.getMessage(), e);
    }
  }

  private String text(HttpRequest.Builder request, int expected) {
    try {
      HttpResponse<String> response =
          http.send(
              request
                  .header("Authorization", "Bearer " + token)
                  .timeout(Duration.ofSeconds(60))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != expected) {
        throw new DemoException(
            "orchestrator answered " + response.statusCode() + ": " + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new DemoException(
          "cannot reach the orchestrator at " + base + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DemoException("interrupted", e);
    }
  }
}
