package io.lethe.stack;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one child process is started: its command, the environment added to the launcher's own, its
 * working directory, log file and readiness URL. A value, so the contract with the services (which
 * variables, which JVM flags) is testable without starting them.
 *
 * @param name what messages call it (the module name for a service)
 * @param command program and arguments
 * @param environment variables set on top of the inherited environment
 * @param workingDirectory working directory of the child
 * @param logFile receives stdout and stderr
 * @param readinessUrl answers 200 with {@code "status":"UP"} once the child is ready
 */
public record ServiceLaunch(
    String name,
    List<String> command,
    Map<String, String> environment,
    Path workingDirectory,
    Path logFile,
    URI readinessUrl) {

  public ServiceLaunch {
    command = List.copyOf(command);
    environment = Map.copyOf(environment);
  }

  /**
   * The launch of a Lethe service from its Quarkus fast jar with the environment the services read.
   *
   * @param java the {@code java} executable (the launcher's own, so children run on the same JDK)
   */
  public static ServiceLaunch forService(
      LetheService service, StackConfig config, StackEndpoints endpoints, String java) {
    List<String> command =
        List.of(
            java,
            "-Xmx" + service.maxHeap(),
            // a JVM out of heap is restarted by the user, not left half-alive answering health
            // checks
            "-XX:+ExitOnOutOfMemoryError",
            "-Dquarkus.profile=prod",
            "-jar",
            config.serviceJar(service).toString());
    return new ServiceLaunch(
        service.moduleName(),
        command,
        environment(service, config, endpoints),
        config.dataDirectory(),
        config.serviceLog(service),
        endpoints.readinessUrl(service));
  }

  /**
   * The environment contract with the services (see each service's {@code application.properties}).
   */
  static Map<String, String> environment(
      LetheService service, StackConfig config, StackEndpoints endpoints) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("QUARKUS_HTTP_PORT", Integer.toString(config.servicePort(service)));
    env.put("KAFKA_BOOTSTRAP_SERVERS", endpoints.kafkaBootstrapServers());
    env.put("LETHE_CHECKPOINT_ROOT", config.checkpointRoot().toString());
    // libtorch comes from Maven jars; DJL must never try to download an engine at run time
    env.put("DJL_OFFLINE", "true");
    if (service.usesDatabase()) {
      env.put("QUARKUS_DATASOURCE_REACTIVE_URL", endpoints.postgresReactiveUrl());
      env.put("QUARKUS_DATASOURCE_USERNAME", endpoints.postgresUsername());
      env.put("QUARKUS_DATASOURCE_PASSWORD", endpoints.postgresPassword());
    }
    if (service.servesTheJobApi()) {
      // bearer tokens of the job API are verified with the development key (DevelopmentKeys)
      env.put(
          "LETHE_JWT_PUBLIC_KEY_LOCATION",
          config.authDirectory().resolve(DevelopmentKeys.PUBLIC_KEY_FILE).toString());
      env.put("LETHE_JWT_ISSUER", DevelopmentKeys.ISSUER);
    }
    return env;
  }

  /** The JDK the launcher itself runs on. */
  public static String currentJava() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }
}
