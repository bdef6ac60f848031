package io.lethe.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointTableTest {

  @Test
  void listsKafkaPostgresAndEveryServiceUrlWithHealthMetricsAndSwagger() {
    StackConfig config = StackConfig.builder(Path.of("/repo")).dataDirectory(Path.of("/d")).build();
    List<String> lines =
        EndpointTable.render(StackEndpoints.of(config, "postgres", "secret", "tok.en.x"))
            .lines()
            .toList();

    // labels padded to the longest one ("orchestrator-service", 20 chars) plus two spaces
    assertThat(lines)
        // infra, 4 services x (url, health, metrics), swagger, token, dirs
        .hasSize(2 + 4 * 3 + 1 + 1 + 2)
        .startsWith(
            "  Kafka bootstrap       127.0.0.1:59092",
            "  PostgreSQL            jdbc:postgresql://localhost:55432/postgres"
                + "  (user postgres, password secret)",
            "  orchestrator-service  http://127.0.0.1:8080",
            "    health              http://127.0.0.1:8080/q/health",
            "    metrics             http://127.0.0.1:8080/q/metrics",
            "    swagger-ui          http://127.0.0.1:8080/q/swagger-ui",
            "    API token           /d/auth/token  (tenant local, roles submit, view, admin)",
            "  trainer-service       http://127.0.0.1:8081")
        .contains("    metrics             http://127.0.0.1:8083/q/metrics")
        .endsWith("  data                  /d", "  logs                  /d/logs");
    // only the orchestrator has a REST API worth a Swagger UI
    assertThat(lines).filteredOn(l -> l.contains("swagger-ui")).hasSize(1);
    // the token itself is too long for a table: it gets its own paragraph
    assertThat(lines).noneMatch(l -> l.contains("tok.en.x"));
  }

  @Test
  void theTokenIsPrintedWithHowToUseIt() {
    StackConfig config = StackConfig.builder(Path.of("/repo")).dataDirectory(Path.of("/d")).build();
    String text = EndpointTable.renderToken(StackEndpoints.of(config, "p", "s", "tok.en.x"));
    assertThat(text.lines().toList())
        .contains(
            "tok.en.x",
            "  curl -H \"Authorization: Bearer $(cat /d/auth/token)\" http://127.0.0.1:8080/jobs");
    assertThat(text).startsWith("Development API token (tenant local, roles submit, view, admin");
  }
}
