package io.lethe.stack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One answer of a SmallRye Health endpoint ({@code /q/health/ready}): the overall status and each
 * named check. Kept so that a timeout can say <em>which</em> check is DOWN (Kafka, the database,
 * the model) instead of only "not ready".
 *
 * @param httpStatus HTTP status, 0 when the service did not answer
 * @param status overall status ({@code UP}/{@code DOWN}), or {@code UNREACHABLE}
 * @param checks status of each named check, in the order reported
 * @param problem why no report could be read, empty when one was
 */
public record HealthReport(
    int httpStatus, String status, Map<String, String> checks, String problem) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public HealthReport {
    checks = Collections.unmodifiableMap(new LinkedHashMap<>(checks));
  }

  /** A service that did not answer (not listening yet, or gone). */
  public static HealthReport unreachable(String problem) {
    return new HealthReport(0, "UNREACHABLE", Map.of(), problem);
  }

  /**
   * Reads a health response. SmallRye answers 200 when every check is UP and 503 otherwise, with
   * the same JSON body {@code {"status":…,"checks":[{"name":…,"status":…},…]}}.
   */
  public static HealthReport parse(int httpStatus, String body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return new HealthReport(
          httpStatus, "UNKNOWN", Map.of(), "not a health report: " + abbreviate(body));
    }
    if (root == null || !root.hasNonNull("status")) {
      return new HealthReport(
          httpStatus, "UNKNOWN", Map.of(), "not a health report: " + abbreviate(body));
    }
    Map<String, String> checks = new LinkedHashMap<>();
    for (JsonNode check : root.path("checks")) {
      checks.put(check.path("name").asText("?"), check.path("status").asText("UNKNOWN"));
    }
    return new HealthReport(httpStatus, root.get("status").asText(), checks, "");
  }

  /**
   * Ready means both: HTTP 200 and an overall {@code UP} (a proxy could answer 200 with something
   * else).
   */
  public boolean isUp() {
    return httpStatus == 200 && "UP".equals(status);
  }

  /** Names of the checks that are not UP. */
  public List<String> failingChecks() {
    return checks.entrySet().stream()
        .filter(e -> !"UP".equals(e.getValue()))
        .map(Map.Entry::getKey)
        .collect(Collectors.toList());
  }

  /**
   * One line for messages: {@code UP}, {@code DOWN (failing: Kafka …)} or the reason it is
   * unreachable.
   */
  public String summary() {
    if (!problem.isEmpty()) {
      return status + " (" + problem + ")";
    }
    List<String> failing = failingChecks();
    return failing.isEmpty() ? status : status + " (failing: " + String.join(", ", failing) + ")";
  }

  private static String abbreviate(String text) {
    String oneLine = text.replaceAll("\\s+", " ").trim();
    return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 117) + "...";
  }
}
