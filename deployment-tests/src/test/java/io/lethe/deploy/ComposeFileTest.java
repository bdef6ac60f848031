package io.lethe.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.stack.DevelopmentKeys;
import io.lethe.stack.LetheService;
import io.lethe.stack.StackConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code docker-compose.yml} must run Lethe as the services expect it: KRaft Kafka and PostgreSQL
 * they can reach, images built from the modules, only environment variables the services read,
 * ports and health checks on the port each service listens on, and one checkpoint volume that the
 * trainer writes and the generator reads.
 */
class ComposeFileTest {

  private static ComposeFile compose;

  @BeforeAll
  static void load() {
    compose = ComposeFile.load(Repository.resolve("docker-compose.yml"));
  }

  @Test
  void runsKafkaPostgresTheFourServicesPrometheusAndGrafana() {
    List<String> expected = new ArrayList<>(List.of("kafka", "postgres", "prometheus", "grafana"));
    Stream.of(LetheService.values()).map(LetheService::moduleName).forEach(expected::add);
    assertThat(compose.serviceNames()).containsAll(expected);
    assertThat(compose.serviceNames()).noneMatch(s -> s.contains("zookeeper"));
  }

  @Test
  void kafkaRunsInKraftModeAndAdvertisesWhatTheServicesConnectTo() {
    Map<String, String> kafka = compose.environment("kafka");
    assertThat(kafka.get("KAFKA_PROCESS_ROLES").split(",")).contains("broker", "controller");
    assertThat(kafka.get("KAFKA_CONTROLLER_QUORUM_VOTERS"))
        .startsWith(kafka.get("KAFKA_NODE_ID") + "@kafka:");
    String internal =
        listener(
            kafka.get("KAFKA_ADVERTISED_LISTENERS"), kafka.get("KAFKA_INTER_BROKER_LISTENER_NAME"));
    assertThat(internal).isEqualTo("kafka:9092");
    for (String service : letheServices()) {
      assertThat(compose.environment(service).get("KAFKA_BOOTSTRAP_SERVERS"))
          .as(service)
          .isEqualTo(internal);
    }
    assertThat(compose.service("kafka").at("/healthcheck/test").isMissingNode()).isFalse();
  }

  @Test
  void everyServiceIsBuiltFromItsModuleAndTaggedWithTheProjectVersion() {
    String version = Repository.projectVersion();
    for (String service : letheServices()) {
      String module = module(service);
      JsonNode build = compose.service(service).path("build");
      Path context = Repository.root().resolve(build.path("context").asText()).normalize();
      assertThat(context).as(service + " build context").isEqualTo(Repository.module(module));
      assertThat(Repository.isServiceModule(module)).isTrue();
      Path dockerfile = context.resolve(build.path("dockerfile").asText());
      assertThat(dockerfile).as(service + " dockerfile").isRegularFile();
      ImageRef image =
          ImageRef.parse(ComposeFile.interpolate(compose.service(service).path("image").asText()));
      assertThat(image.name()).isEqualTo("lethe/" + module);
      boolean gpu = dockerfile.getFileName().toString().endsWith(".gpu");
      assertThat(image.tag()).as(service + " tag").isEqualTo(gpu ? version + "-gpu" : version);
    }
  }

  @Test
  void everyVariableIsOneTheServiceReads() {
    List<String> unread = new ArrayList<>();
    for (String service : letheServices()) {
      ServiceConfigKeys keys = ServiceConfigKeys.of(module(service));
      compose.environment(service).keySet().stream()
          .filter(name -> keys.whyRead(name).isEmpty())
          .forEach(name -> unread.add(service + ": " + name));
    }
    assertThat(unread).as("variables no service reads").isEmpty();
  }

  @Test
  void portsAndHealthChecksUseThePortEachServiceListensOn() {
    for (String service : letheServices()) {
      String port = compose.environment(service).get("QUARKUS_HTTP_PORT");
      assertThat(port).as(service + " QUARKUS_HTTP_PORT").matches("\\d+");
      List<String> published = new ArrayList<>();
      compose.service(service).path("ports").forEach(p -> published.add(p.asText()));
      assertThat(published).as(service + " ports").anyMatch(p -> p.endsWith(":" + port));
      String check = compose.service(service).at("/healthcheck/test").toString();
      assertThat(check).as(service + " healthcheck").contains("/dev/tcp/127.0.0.1/" + port);
      assertThat(check).contains("/q/health/ready");
    }
  }

  @Test
  void servicesStartOnceTheirInfrastructureIsHealthy() {
    for (String service : letheServices()) {
      JsonNode dependsOn = compose.service(service).path("depends_on");
      assertThat(dependsOn.at("/kafka/condition").asText())
          .as(service)
          .isEqualTo("service_healthy");
    }
    assertThat(
            compose.service("orchestrator-service").at("/depends_on/postgres/condition").asText())
        .isEqualTo("service_healthy");
    assertThat(compose.service("postgres").at("/healthcheck/test").isMissingNode()).isFalse();
  }

  @Test
  void theOrchestratorReachesTheComposeDatabaseWithItsCredentials() {
    Map<String, String> orchestrator = compose.environment("orchestrator-service");
    Map<String, String> postgres = compose.environment("postgres");
    URI url = URI.create(orchestrator.get("QUARKUS_DATASOURCE_REACTIVE_URL"));
    assertThat(url.getScheme()).isEqualTo("postgresql");
    assertThat(url.getHost()).isEqualTo("postgres");
    assertThat(url.getPort()).isEqualTo(5432);
    assertThat(url.getPath()).isEqualTo("/" + postgres.get("POSTGRES_DB"));
    assertThat(orchestrator.get("QUARKUS_DATASOURCE_USERNAME"))
        .isEqualTo(postgres.get("POSTGRES_USER"));
    assertThat(orchestrator.get("QUARKUS_DATASOURCE_PASSWORD"))
        .isEqualTo(postgres.get("POSTGRES_PASSWORD"))
        .isNotBlank();
  }

  @Test
  void theOrchestratorVerifiesTokensWithTheLocalStacksDevelopmentKeyByDefault() {
    Map<String, String> env = compose.environment("orchestrator-service");
    JsonNode config = compose.service("orchestrator-service").path("configs").get(0);
    assertThat(config).as("a config mounts the public key").isNotNull();
    assertThat(env.get("LETHE_JWT_PUBLIC_KEY_LOCATION")).isEqualTo(config.path("target").asText());
    String file =
        ComposeFile.interpolate(
            compose.root().at("/configs/" + config.path("source").asText() + "/file").asText());
    // where ./lethe token (and ./lethe up) create it with the default data directory
    Path developmentKey =
        StackConfig.builder(Repository.root())
            .build()
            .authDirectory()
            .resolve(DevelopmentKeys.PUBLIC_KEY_FILE);
    assertThat(Repository.resolve(file).toAbsolutePath().normalize()).isEqualTo(developmentKey);
    assertThat(env.get("LETHE_JWT_ISSUER")).isEqualTo(DevelopmentKeys.ISSUER);
  }

  @Test
  void noServiceRunsWithAuthenticationDisabled() {
    for (String service : letheServices()) {
      assertThat(compose.environment(service)).as(service).doesNotContainKey("LETHE_AUTH_ENABLED");
    }
  }

  @Test
  void trainerWritesAndGeneratorReadsOneSharedCheckpointVolume() {
    ComposeFile.Mount trainer = checkpointMount("trainer-service");
    ComposeFile.Mount generator = checkpointMount("generator-service");
    assertThat(trainer.isBind()).as("a named volume, not a host directory").isFalse();
    assertThat(generator.source()).isEqualTo(trainer.source());
    assertThat(trainer.mode()).isEqualTo("rw");
    assertThat(generator.mode()).isEqualTo("ro");
    assertThat(compose.root().path("volumes").has(trainer.source())).isTrue();
    assertThat(checkpointMount("trainer-service-gpu").source()).isEqualTo(trainer.source());
  }

  @Test
  void namedVolumesTheServicesWriteBelongToTheImagesUser() throws IOException {
    String user =
        dockerfileUser(
            Repository.module("trainer-service").resolve("src/main/docker/Dockerfile.jvm"));
    JsonNode init = compose.service("volume-permissions");
    String command = init.path("command").toString();
    assertThat(command).contains("chown", user + ":" + user);
    List<String> chowned = new ArrayList<>();
    init.path("command").forEach(c -> chowned.add(c.asText()));
    for (String service : List.of("trainer-service", "evaluator-service")) {
      for (ComposeFile.Mount mount : compose.mounts(service)) {
        if (!mount.isBind() && mount.mode().equals("rw")) {
          assertThat(chowned).as(service + " writes " + mount.target()).contains(mount.target());
        }
      }
      assertThat(compose.service(service).at("/depends_on/volume-permissions/condition").asText())
          .isEqualTo("service_completed_successfully");
    }
    String answers =
        compose.environment("evaluator-service").get("LETHE_EVALUATOR_ORIGINAL_ANSWERS_DIRECTORY");
    assertThat(compose.mounts("evaluator-service"))
        .anyMatch(m -> Path.of(answers).startsWith(m.target()) && m.mode().equals("rw"));
  }

  @Test
  void theGpuTrainerReservesAnNvidiaGpuOnlyInTheGpuProfile() {
    JsonNode gpu = compose.service("trainer-service-gpu");
    assertThat(gpu.path("profiles").toString()).contains("gpu");
    JsonNode device = gpu.at("/deploy/resources/reservations/devices/0");
    assertThat(device.path("driver").asText()).isEqualTo("nvidia");
    assertThat(device.path("capabilities").toString()).contains("gpu");
    assertThat(compose.environment("trainer-service-gpu"))
        .containsEntry("LETHE_TRAINER_DEVICE", "gpu");
    assertThat(compose.service("trainer-service").path("deploy").isMissingNode()).isTrue();
  }

  @Test
  void modelsRunOnTheDeviceTheirImageCarriesNativesFor() {
    for (String service : List.of("trainer-service", "trainer-service-gpu", "generator-service")) {
      String module = module(service);
      String variable =
          "LETHE_" + module.replace("-service", "").toUpperCase(Locale.ROOT) + "_DEVICE";
      assertThat(ServiceConfigKeys.of(module).readsAsConfiguration(variable))
          .as(module + " reads " + variable)
          .isTrue();
      boolean gpuImage = compose.service(service).at("/build/dockerfile").asText().endsWith(".gpu");
      assertThat(compose.environment(service))
          .as(service + ": explicit device, never auto-detected")
          .containsEntry(variable, gpuImage ? "gpu" : "cpu");
    }
  }

  @Test
  void everyFileMountedFromTheRepositoryExists() {
    for (String service : compose.serviceNames()) {
      for (ComposeFile.Mount mount : compose.mounts(service)) {
        if (mount.isBind()) {
          assertThat(Repository.resolve(mount.source()).normalize())
              .as(service + " mounts")
              .exists();
        }
      }
    }
  }

  @Test
  void interpolationUsesDefaultsLikeComposeWithoutAnEnvFile() {
    assertThat(ComposeFile.interpolate("a-${X:-lethe}-${Y-b}-${Z}-$$")).isEqualTo("a-lethe-b--$");
  }

  private static List<String> letheServices() {
    return compose.letheServices();
  }

  private static String module(String service) {
    return compose.moduleOf(service);
  }

  private static ComposeFile.Mount checkpointMount(String service) {
    String root = compose.environment(service).get("LETHE_CHECKPOINT_ROOT");
    return compose.mounts(service).stream()
        .filter(m -> m.target().equals(root))
        .findFirst()
        .orElseThrow(() -> new AssertionError(service + " does not mount " + root));
  }

  /** {@code host:port} of the named listener in a Kafka listener list. */
  private static String listener(String listeners, String name) {
    for (String l : listeners.split(",")) {
      if (l.startsWith(name + "://")) {
        return l.substring(name.length() + 3);
      }
    }
    throw new AssertionError("no listener " + name + " in " + listeners);
  }

  private static String dockerfileUser(Path dockerfile) throws IOException {
    Matcher m = Pattern.compile("(?m)^USER\\s+(\\d+)\\s*$").matcher(Files.readString(dockerfile));
    String user = null;
    while (m.find()) {
      user = m.group(1); // the last USER is the one the service runs as
    }
    assertThat(user).as("USER in " + dockerfile).isNotNull();
    return user;
  }
}
