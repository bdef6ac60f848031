package io.lethe.stack.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * What the controller last saw of a job, in one line of the demo's progress: the latest decision,
 * and each floor metric against its floor ({@code GET /jobs/{id}} carries the decisions; a
 * decision's {@code observed} map holds {@code floor/<metric>} and the metric's value).
 */
final class ControlProgress {

  private static final String FLOOR = "floor/";

  private ControlProgress() {}

  /** {@code " CONTINUE@10 MU 0.806 ≥ 0.734"}, or empty before the first decision. */
  static String describe(JsonNode job) {
    JsonNode decisions = job.path("decisions");
    if (!decisions.isArray() || decisions.isEmpty()) {
      return "";
    }
    JsonNode last = decisions.get(decisions.size() - 1);
    StringBuilder line =
        new StringBuilder("  ")
            .append(last.path("decision").asText())
            .append('@')
            .append(last.path("step").asInt());
    if (last.path("mixAlpha").isNumber()) {
      line.append(String.format(Locale.ROOT, " α=%.4f", last.path("mixAlpha").asDouble()));
    }
    JsonNode observed = last.path("observed");
    for (Iterator<Map.Entry<String, JsonNode>> it = observed.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (!entry.getKey().startsWith(FLOOR)) {
        continue;
      }
      String metric = entry.getKey().substring(FLOOR.length());
      JsonNode value = observed.path(metric);
      if (!value.isNumber()) {
        continue; // the baseline decision records the floor before any value is compared to it
      }
      double floor = entry.getValue().asDouble();
      line.append(
          String.format(
              Locale.ROOT,
              "  %s %.3f %s %.3f",
              ComparisonTable.shortName(metric),
              value.asDouble(),
              value.asDouble() >= floor ? "≥" : "<",
              floor));
    }
    return line.toString();
  }
}
