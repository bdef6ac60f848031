package io.lethe.stack;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders where a running stack listens, as the two-column table the launcher prints once
 * everything is ready.
 */
public final class EndpointTable {

  private EndpointTable() {}

  /** One row per endpoint; full URLs, so a terminal makes them clickable. */
  public static String render(StackEndpoints e) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"Kafka bootstrap", e.kafkaBootstrapServers()});
    rows.add(
        new String[] {
          "PostgreSQL",
          e.postgresJdbcUrl()
              + "  (user "
              + e.postgresUsername()
              + ", password "
              + e.postgresPassword()
              + ")"
        });
    for (LetheService service : LetheService.values()) {
      rows.add(new String[] {service.moduleName(), e.serviceUrl(service).toString()});
      rows.add(new String[] {"  health", e.healthUrl(service).toString()});
      rows.add(new String[] {"  metrics", e.metricsUrl(service).toString()});
      if (service == LetheService.ORCHESTRATOR) {
        rows.add(new String[] {"  swagger-ui", e.swaggerUiUrl(service).toString()});
        rows.add(
            new String[] {
              "  API token",
              e.apiTokenFile()
                  + "  (tenant "
                  + DevelopmentKeys.TENANT
                  + ", roles "
                  + String.join(", ", DevelopmentKeys.ROLES)
                  + ")"
            });
      }
    }
    rows.add(new String[] {"data", e.dataDirectory().toString()});
    rows.add(new String[] {"logs", e.logDirectory().toString()});
    int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0) + 2;
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      out.append("  ").append(pad(row[0], width)).append(row[1]).append('\n');
    }
    return out.toString();
  }

  /** The development token and how to use it: the job API answers 401 to a request without one. */
  public static String renderToken(StackEndpoints e) {
    return "Development API token (tenant "
        + DevelopmentKeys.TENANT
        + ", roles "
        + String.join(", ", DevelopmentKeys.ROLES)
        + ", valid "
        + DevelopmentKeys.TOKEN_LIFETIME.toDays()
        + " days):\n\n"
        + e.apiToken()
        + "\n\n  curl -H \"Authorization: Bearer $(cat "
        + e.apiTokenFile()
        + ")\" "
        + e.serviceUrl(LetheService.ORCHESTRATOR).resolve("/jobs")
        + "\n";
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(Math.max(1, width - text.length()));
  }
}
