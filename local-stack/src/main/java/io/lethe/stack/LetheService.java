package io.lethe.stack;

import java.nio.file.Path;

/**
 * The four Lethe services the local stack runs as child JVMs, with what differs between them:
 * module, default HTTP port, heap, and whether it talks to PostgreSQL.
 */
public enum LetheService {
  ORCHESTRATOR("orchestrator", 8080, "1g", true),
  TRAINER("trainer", 8081, "2g", false),
  GENERATOR("generator", 8082, "1g", false),
  EVALUATOR("evaluator", 8083, "1g", false);

  private final String shortName;
  private final int defaultPort;
  private final String maxHeap;
  private final boolean usesDatabase;

  LetheService(String shortName, int defaultPort, String maxHeap, boolean usesDatabase) {
    this.shortName = shortName;
    this.defaultPort = defaultPort;
    this.maxHeap = maxHeap;
    this.usesDatabase = usesDatabase;
  }

  /**
   * {@code orchestrator}, {@code trainer}, …: used in option names such as {@code --trainer-port}.
   */
  public String shortName() {
    return shortName;
  }

  /** Maven module and log-file name, e.g. {@code trainer-service}. */
  public String moduleName() {
    return shortName + "-service";
  }

  /** The port in the services' own {@code application.properties}, so URLs stay familiar. */
  public int defaultPort() {
    return defaultPort;
  }

  /**
   * {@code -Xmx} of the child JVM. The trainer gets more: it holds the model, its gradients and the
   * optimizer state on the Java side of DJL while a step runs.
   */
  public String maxHeap() {
    return maxHeap;
  }

  /** Only the orchestrator keeps state in PostgreSQL (jobs, audit trail, outbox). */
  public boolean usesDatabase() {
    return usesDatabase;
  }

  /** Only the orchestrator serves the job API, which needs bearer tokens. */
  public boolean servesTheJobApi() {
    return this == ORCHESTRATOR;
  }

  /** The Quarkus fast-jar launcher that {@code ./mvnw package} writes for this service. */
  public Path runnableJar(Path repoRoot) {
    return repoRoot.resolve(moduleName()).resolve("target/quarkus-app/quarkus-run.jar");
  }
}
