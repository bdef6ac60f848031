package io.lethe.stack;

import io.lethe.infra.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything that decides where a local stack lives and listens: repository (service jars), data
 * directory, ports and time limits. Validated once here so that a bad option fails before anything
 * starts.
 *
 * @param repoRoot repository root holding {@code <svc>/target/quarkus-app/quarkus-run.jar}
 * @param dataDirectory persistent state: {@code postgres/}, {@code kafka/}, {@code checkpoints/},
 *     {@code logs/}, {@code auth/}
 * @param postgresPort PostgreSQL port
 * @param kafkaPort Kafka PLAINTEXT (bootstrap) port
 * @param kafkaControllerPort Kafka KRaft controller port
 * @param servicePorts HTTP port of every service
 * @param readyTimeout how long the services together may take to report ready
 * @param stopGrace how long a service may take to exit after SIGTERM before it is killed
 */
public record StackConfig(
    Path repoRoot,
    Path dataDirectory,
    int postgresPort,
    int kafkaPort,
    int kafkaControllerPort,
    Map<LetheService, Integer> servicePorts,
    Duration readyTimeout,
    Duration stopGrace) {

  /**
   * Fixed, unusual defaults: stable URLs across restarts without colliding with a developer's own
   * PostgreSQL.
   */
  public static final int DEFAULT_POSTGRES_PORT = 55432;

  public static final int DEFAULT_KAFKA_PORT = 59092;
  public static final int DEFAULT_KAFKA_CONTROLLER_PORT = 59093;

  /**
   * Four JVMs start in parallel on a 2-core machine; a generous limit still catches a hung service.
   */
  public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(180);

  /** Lets a trainer finish (or abandon) a step and a consumer commit its offsets. */
  public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(30);

  public StackConfig {
    Objects.requireNonNull(repoRoot, "repoRoot");
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    Objects.requireNonNull(readyTimeout, "readyTimeout");
    Objects.requireNonNull(stopGrace, "stopGrace");
    repoRoot = repoRoot.toAbsolutePath().normalize();
    dataDirectory = dataDirectory.toAbsolutePath().normalize();
    EnumMap<LetheService, Integer> ports = new EnumMap<>(LetheService.class);
    ports.putAll(servicePorts);
    for (LetheService service : LetheService.values()) {
      if (!ports.containsKey(service)) {
        throw new IllegalArgumentException("no port for " + service.moduleName());
      }
    }
    servicePorts = Collections.unmodifiableMap(ports);
    Map<Integer, String> owners = new HashMap<>();
    claim(owners, postgresPort, "PostgreSQL");
    claim(owners, kafkaPort, "Kafka");
    claim(owners, kafkaControllerPort, "the Kafka controller");
    ports.forEach((service, port) -> claim(owners, port, service.moduleName()));
    if (readyTimeout.isNegative() || readyTimeout.isZero()) {
      throw new IllegalArgumentException("the readiness timeout must be positive");
    }
    if (stopGrace.isNegative()) {
      throw new IllegalArgumentException("the stop grace period must not be negative");
    }
  }

  private static void claim(Map<Integer, String> owners, int port, String owner) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port of " + owner + " must be 1-65535, was " + port);
    }
    String previous = owners.putIfAbsent(port, owner);
    if (previous != null) {
      throw new IllegalArgumentException(
          "port " + port + " given to both " + previous + " and " + owner);
    }
  }

  /** Defaults for a repository: data under {@code <repo>/.lethe}, the default ports and limits. */
  public static Builder builder(Path repoRoot) {
    return new Builder(repoRoot);
  }

  /** A builder preset with this configuration, to change a few values. */
  public Builder toBuilder() {
    Builder b = new Builder(repoRoot).dataDirectory(dataDirectory);
    b.postgresPort(postgresPort).kafkaPort(kafkaPort).kafkaControllerPort(kafkaControllerPort);
    servicePorts.forEach(b::servicePort);
    return b.readyTimeout(readyTimeout).stopGrace(stopGrace);
  }

  /** HTTP port of one service. */
  public int servicePort(LetheService service) {
    return servicePorts.get(service);
  }

  /** PostgreSQL cluster directory (initialised once, then reused). */
  public Path postgresDirectory() {
    return dataDirectory.resolve("postgres");
  }

  /** Kafka log and metadata directory (formatted once, then reused). */
  public Path kafkaDirectory() {
    return dataDirectory.resolve("kafka");
  }

  /** Checkpoint store shared by trainer (writes) and generator (reads). */
  public Path checkpointRoot() {
    return dataDirectory.resolve("checkpoints");
  }

  /** The development key pair and token ({@link DevelopmentKeys}). */
  public Path authDirectory() {
    return dataDirectory.resolve("auth");
  }

  /** One log file per service plus {@code infra.log} for Kafka and PostgreSQL. */
  public Path logDirectory() {
    return dataDirectory.resolve("logs");
  }

  /** stdout and stderr of one service. */
  public Path serviceLog(LetheService service) {
    return logDirectory().resolve(service.moduleName() + ".log");
  }

  /** Where the in-process broker and zonky log. */
  public Path infraLog() {
    return logDirectory().resolve("infra.log");
  }

  /** Runnable jar of one service in the configured repository. */
  public Path serviceJar(LetheService service) {
    return service.runnableJar(repoRoot);
  }

  /** Mutable collector of options; {@link #build()} validates. */
  public static final class Builder {
    private final Path repoRoot;
    private Path dataDirectory;
    private int postgresPort = DEFAULT_POSTGRES_PORT;
    private int kafkaPort = DEFAULT_KAFKA_PORT;
    private int kafkaControllerPort = DEFAULT_KAFKA_CONTROLLER_PORT;
    private final Map<LetheService, Integer> servicePorts = new EnumMap<>(LetheService.class);
    private Duration readyTimeout = DEFAULT_READY_TIMEOUT;
    private Duration stopGrace = DEFAULT_STOP_GRACE;

    private Builder(Path repoRoot) {
      this.repoRoot = Objects.requireNonNull(repoRoot, "repoRoot");
      this.dataDirectory = repoRoot.resolve(".lethe");
      for (LetheService service : LetheService.values()) {
        servicePorts.put(service, service.defaultPort());
      }
    }

    public Builder dataDirectory(Path dataDirectory) {
      this.dataDirectory = dataDirectory;
      return this;
    }

    public Builder postgresPort(int port) {
      this.postgresPort = port;
      return this;
    }

    public Builder kafkaPort(int port) {
      this.kafkaPort = port;
      return this;
    }

    public Builder kafkaControllerPort(int port) {
      this.kafkaControllerPort = port;
      return this;
    }

    public Builder servicePort(LetheService service, int port) {
      servicePorts.put(service, port);
      return this;
    }

    /**
     * Every port (PostgreSQL, Kafka, its controller, each service) on a free one: for a stack that
     * runs beside another, as tests and benchmarks do.
     */
    public Builder onFreePorts() {
      postgresPort(FreePorts.next());
      kafkaPort(FreePorts.next());
      kafkaControllerPort(FreePorts.next());
      for (LetheService s : LetheService.values()) {
        servicePort(s, FreePorts.next());
      }
      return this;
    }

    public Builder readyTimeout(Duration readyTimeout) {
      this.readyTimeout = readyTimeout;
      return this;
    }

    public Builder stopGrace(Duration stopGrace) {
      this.stopGrace = stopGrace;
      return this;
    }

    public StackConfig build() {
      return new StackConfig(
          repoRoot,
          dataDirectory,
          postgresPort,
          kafkaPort,
          kafkaControllerPort,
          servicePorts,
          readyTimeout,
          stopGrace);
    }
  }
}
