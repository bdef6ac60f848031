package io.lethe.stack;

import java.net.URI;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Where a running local stack can be reached: what the launcher prints and what a caller (the IT, a
 * later {@code demo}) connects to. Everything is loopback; services are addressed as {@code
 * 127.0.0.1} because Quarkus binds IPv4 and {@code localhost} may resolve to {@code ::1} first.
 *
 * @param kafkaBootstrapServers {@code host:port} for {@code bootstrap.servers}
 * @param postgresJdbcUrl JDBC URL of the {@code postgres} database
 * @param postgresReactiveUrl Vert.x reactive client URL of the same database (what the orchestrator
 *     gets)
 * @param postgresUsername database user
 * @param postgresPassword database password
 * @param services base URL of every service
 * @param dataDirectory persistent state of the stack
 * @param apiToken bearer token of the job API: the development token ({@link DevelopmentKeys})
 */
public record StackEndpoints(
    String kafkaBootstrapServers,
    String postgresJdbcUrl,
    String postgresReactiveUrl,
    String postgresUsername,
    String postgresPassword,
    Map<LetheService, URI> services,
    Path dataDirectory,
    String apiToken) {

  public StackEndpoints {
    services = Collections.unmodifiableMap(new EnumMap<>(services));
  }

  /**
   * The endpoints a stack with {@code config} has: ports are fixed by the configuration, not
   * discovered.
   */
  public static StackEndpoints of(
      StackConfig config, String postgresUsername, String postgresPassword, String apiToken) {
    Map<LetheService, URI> services = new EnumMap<>(LetheService.class);
    config
        .servicePorts()
        .forEach((service, port) -> services.put(service, URI.create("http://127.0.0.1:" + port)));
    int pg = config.postgresPort();
    return new StackEndpoints(
        "127.0.0.1:" + config.kafkaPort(),
        "jdbc:postgresql://localhost:" + pg + "/postgres",
        "postgresql://localhost:" + pg + "/postgres",
        postgresUsername,
        postgresPassword,
        services,
        config.dataDirectory(),
        apiToken);
  }

  /** Base URL of a service, e.g. {@code http://127.0.0.1:8080}. */
  public URI serviceUrl(LetheService service) {
    return services.get(service);
  }

  /** All health checks (liveness and readiness) of a service. */
  public URI healthUrl(LetheService service) {
    return serviceUrl(service).resolve("/q/health");
  }

  /** The readiness endpoint the launcher waits on. */
  public URI readinessUrl(LetheService service) {
    return serviceUrl(service).resolve("/q/health/ready");
  }

  /** Prometheus scrape endpoint of a service. */
  public URI metricsUrl(LetheService service) {
    return serviceUrl(service).resolve("/q/metrics");
  }

  /** Swagger UI; served by the orchestrator, the only service with a public REST API. */
  public URI swaggerUiUrl(LetheService service) {
    return serviceUrl(service).resolve("/q/swagger-ui");
  }

  /** The file holding {@link #apiToken()}, for scripts ({@code $(cat …)}). */
  public Path apiTokenFile() {
    return dataDirectory.resolve("auth").resolve(DevelopmentKeys.TOKEN_FILE);
  }

  /** Directory of the service and infrastructure logs. */
  public Path logDirectory() {
    return dataDirectory.resolve("logs");
  }
}
