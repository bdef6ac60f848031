package io.lethe.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lethe.stack.LetheService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every overlay under {@code k8s/overlays}, rendered, must be a deployable Lethe: known kinds,
 * images built from the modules, probes on the Quarkus health endpoints of the port the service
 * listens on, bounded resources, an environment the services actually read, disruption budgets, the
 * shared checkpoint volume, and the generator's lag-driven autoscaling.
 */
class KubernetesManifestsTest {

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Set<String> KNOWN_KINDS =
      Set.of(
          "v1/Namespace",
          "v1/ConfigMap",
          "v1/Service",
          "v1/PersistentVolumeClaim",
          "apps/v1/Deployment",
          "policy/v1/PodDisruptionBudget",
          "keda.sh/v1alpha1/ScaledObject");
  private static final String NAMESPACE = "lethe";
  private static final String GPU = "nvidia.com/gpu";
  private static final String CHECKPOINT_CLAIM = "lethe-checkpoints";

  static Stream<String> overlays() {
    return K8sTree.overlays().stream();
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void everyObjectHasAKnownKindAValidNameAndTheLetheNamespace(String overlay) {
    Manifests m = Manifests.render(overlay);
    Set<String> ids = new HashSet<>();
    for (ObjectNode r : m.all()) {
      String kind = r.path("apiVersion").asText() + "/" + r.path("kind").asText();
      String name = Manifests.name(r);
      assertThat(KNOWN_KINDS).as(overlay + ": kind of " + name).contains(kind);
      assertThat(name).as(overlay + ": " + kind + " name").matches(DNS_LABEL).hasSizeLessThan(64);
      assertThat(ids.add(ResourceId.of(r).toString())).as("duplicate " + ResourceId.of(r)).isTrue();
      if (!"Namespace".equals(r.path("kind").asText())) {
        assertThat(r.at("/metadata/namespace").asText()).as(kind + " " + name).isEqualTo(NAMESPACE);
      }
    }
    assertThat(m.find("Namespace", NAMESPACE)).isPresent();
    assertThat(m.ofKind("Secret")).as("secrets are referenced, never shipped").isEmpty();
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void everyServiceRunsTheImageOfItsModule(String overlay) {
    Manifests m = Manifests.render(overlay);
    assertThat(m.ofKind("Deployment").stream().map(Manifests::name))
        .containsExactlyInAnyOrderElementsOf(
            Stream.of(LetheService.values()).map(LetheService::moduleName).toList());
    String version = Repository.projectVersion();
    for (JsonNode deployment : m.ofKind("Deployment")) {
      String module = Manifests.name(deployment);
      JsonNode container = Manifests.container(deployment);
      ImageRef image = ImageRef.parse(container.path("image").asText());
      assertThat(container.path("name").asText()).isEqualTo(module);
      assertThat(image.name()).as(overlay + " " + module).isEqualTo("lethe/" + module);
      assertThat(Repository.isServiceModule(module))
          .as(module + " is a module with a Dockerfile")
          .isTrue();
      assertThat(image.tag()).as(overlay + " " + module + " tag").isIn(version, version + "-gpu");
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void selectorsMatchTheirPodTemplates(String overlay) {
    for (JsonNode d : Manifests.render(overlay).ofKind("Deployment")) {
      assertThat(
              Manifests.selects(
                  d.at("/spec/selector/matchLabels"), d.at("/spec/template/metadata/labels")))
          .as(Manifests.name(d) + ": selector matches the pod template")
          .isTrue();
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void probesAndScrapingHitTheQuarkusEndpointsOnThePortTheServiceListensOn(String overlay) {
    Manifests m = Manifests.render(overlay);
    for (JsonNode d : m.ofKind("Deployment")) {
      String module = Manifests.name(d);
      JsonNode container = Manifests.container(d);
      int listens = Integer.parseInt(m.environment(container).get("QUARKUS_HTTP_PORT"));
      assertThat(container.path("ports").findValuesAsText("containerPort"))
          .as(module + " declares the port it listens on")
          .contains(Integer.toString(listens));
      Map<String, String> probes =
          Map.of(
              "startupProbe", "/q/health/started",
              "readinessProbe", "/q/health/ready",
              "livenessProbe", "/q/health/live");
      probes.forEach(
          (probe, path) -> {
            JsonNode get = container.path(probe).path("httpGet");
            assertThat(get.path("path").asText()).as(module + " " + probe).isEqualTo(path);
            assertThat(containerPort(container, get.path("port")))
                .as(module + " " + probe + " port")
                .isEqualTo(listens);
          });
      JsonNode annotations = d.at("/spec/template/metadata/annotations");
      assertThat(annotations.path("prometheus.io/scrape").asText()).isEqualTo("true");
      assertThat(annotations.path("prometheus.io/path").asText()).isEqualTo("/q/metrics");
      assertThat(annotations.path("prometheus.io/port").asText())
          .isEqualTo(Integer.toString(listens));
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void everyContainerRequestsAndBoundsCpuAndMemory(String overlay) {
    for (JsonNode d : Manifests.render(overlay).ofKind("Deployment")) {
      JsonNode resources = Manifests.container(d).path("resources");
      for (String resource : List.of("cpu", "memory")) {
        String what = Manifests.name(d) + " " + resource;
        assertThat(resources.at("/requests/" + resource).isTextual())
            .as(what + " request")
            .isTrue();
        assertThat(resources.at("/limits/" + resource).isTextual()).as(what + " limit").isTrue();
        assertThat(Quantity.parse(resources.at("/limits/" + resource).asText()))
            .as(what + ": limit >= request")
            .isGreaterThanOrEqualTo(Quantity.parse(resources.at("/requests/" + resource).asText()));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void everyVariableIsOneTheServiceReadsAndCredentialsComeFromSecrets(String overlay) {
    Manifests m = Manifests.render(overlay);
    List<String> unread = new ArrayList<>();
    for (JsonNode d : m.ofKind("Deployment")) {
      ServiceConfigKeys keys = ServiceConfigKeys.of(Manifests.name(d));
      Map<String, String> env = m.environment(Manifests.container(d));
      env.keySet().stream()
          .filter(name -> keys.whyRead(name).isEmpty())
          .forEach(name -> unread.add(keys.module() + ": " + name));
      env.forEach(
          (name, value) -> {
            if (name.contains("PASSWORD") || name.contains("USERNAME")) {
              assertThat(value).as(keys.module() + " " + name).startsWith("<secret ");
            }
          });
    }
    assertThat(unread).as(overlay + ": variables no service reads").isEmpty();
    JsonNode orchestrator = Manifests.container(m.get("Deployment", "orchestrator-service"));
    assertThat(m.environment(orchestrator))
        .containsEntry("QUARKUS_DATASOURCE_USERNAME", "<secret lethe-postgres/username>")
        .containsEntry("QUARKUS_DATASOURCE_PASSWORD", "<secret lethe-postgres/password>")
        .containsKey("QUARKUS_DATASOURCE_REACTIVE_URL");
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void theJobApiVerifiesTokensWithTheOperatorsKeyAndIssuer(String overlay) {
    Manifests m = Manifests.render(overlay);
    JsonNode orchestrator = Manifests.container(m.get("Deployment", "orchestrator-service"));
    assertThat(m.environment(orchestrator))
        .containsEntry("LETHE_JWT_PUBLIC_KEY", "<secret lethe-jwt/public-key.pem>")
        .containsEntry("LETHE_JWT_ISSUER", "<secret lethe-jwt/issuer>");
    for (JsonNode d : m.ofKind("Deployment")) {
      assertThat(m.environment(Manifests.container(d)))
          .as(Manifests.name(d) + ": authentication stays on")
          .doesNotContainKey("LETHE_AUTH_ENABLED");
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void podsGetLongerToStopThanTheServicesTakeToShutDown(String overlay) {
    for (JsonNode d : Manifests.render(overlay).ofKind("Deployment")) {
      String module = Manifests.name(d);
      long grace = d.at("/spec/template/spec/terminationGracePeriodSeconds").asLong(30);
      assertThat(grace)
          .as(module + ": terminationGracePeriodSeconds vs quarkus.shutdown.timeout")
          .isGreaterThan(ApplicationProperties.of(module).shutdownTimeout().toSeconds());
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void servicesAndDisruptionBudgetsSelectExactlyOneDeployment(String overlay) {
    Manifests m = Manifests.render(overlay);
    List<ObjectNode> deployments = m.ofKind("Deployment");
    for (JsonNode service : m.ofKind("Service")) {
      List<ObjectNode> targets = selected(deployments, service.at("/spec/selector"));
      assertThat(targets).as("Service " + Manifests.name(service)).hasSize(1);
      JsonNode container = Manifests.container(targets.get(0));
      for (JsonNode port : service.at("/spec/ports")) {
        assertThat(containerPort(container, port.path("targetPort")))
            .as("Service " + Manifests.name(service) + " targetPort")
            .isEqualTo(port.path("port").asInt());
      }
    }
    Set<String> covered = new HashSet<>();
    for (JsonNode pdb : m.ofKind("PodDisruptionBudget")) {
      List<ObjectNode> targets = selected(deployments, pdb.at("/spec/selector/matchLabels"));
      assertThat(targets).as("PDB " + Manifests.name(pdb)).hasSize(1);
      JsonNode spec = pdb.path("spec");
      assertThat(spec.has("maxUnavailable") || spec.has("minAvailable")).isTrue();
      int replicas = targets.get(0).at("/spec/replicas").asInt(1);
      assertThat(spec.path("minAvailable").asInt(0))
          .as("PDB " + Manifests.name(pdb) + " must still let a node drain")
          .isLessThan(replicas);
      covered.add(Manifests.name(targets.get(0)));
    }
    assertThat(covered)
        .as("every Deployment has a disruption budget")
        .containsExactlyInAnyOrderElementsOf(deployments.stream().map(Manifests::name).toList());
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void trainerWritesAndGeneratorReadsOneReadWriteManyCheckpointVolume(String overlay) {
    Manifests m = Manifests.render(overlay);
    JsonNode claim = m.get("PersistentVolumeClaim", CHECKPOINT_CLAIM);
    assertThat(textList(claim.at("/spec/accessModes"))).contains("ReadWriteMany");
    for (String module : List.of("trainer-service", "generator-service")) {
      JsonNode deployment = m.get("Deployment", module);
      JsonNode container = Manifests.container(deployment);
      String root = m.environment(container).get("LETHE_CHECKPOINT_ROOT");
      JsonNode mount = mountAt(container, root);
      assertThat(mount).as(module + " mounts LETHE_CHECKPOINT_ROOT " + root).isNotNull();
      JsonNode volume = volume(deployment, mount.path("name").asText());
      assertThat(volume.at("/persistentVolumeClaim/claimName").asText())
          .isEqualTo(CHECKPOINT_CLAIM);
      boolean readOnly = mount.path("readOnly").asBoolean(false);
      assertThat(readOnly)
          .as(module + " mounts checkpoints read-only")
          .isEqualTo(module.startsWith("generator"));
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void everyVolumeExistsAndEveryPathAServiceWritesIsWritable(String overlay) {
    Manifests m = Manifests.render(overlay);
    for (JsonNode d : m.ofKind("Deployment")) {
      String module = Manifests.name(d);
      JsonNode pod = d.at("/spec/template/spec");
      for (JsonNode volume : pod.path("volumes")) {
        JsonNode claimName = volume.at("/persistentVolumeClaim/claimName");
        if (claimName.isMissingNode()) {
          continue;
        }
        JsonNode claim = m.get("PersistentVolumeClaim", claimName.asText());
        if (!textList(claim.at("/spec/accessModes")).contains("ReadWriteMany")) {
          // a ReadWriteOnce claim fits one pod: one replica, and the old pod gone before the new
          assertThat(d.at("/spec/replicas").asInt(1)).as(module + " replicas").isEqualTo(1);
          assertThat(d.at("/spec/strategy/type").asText())
              .as(module + " strategy")
              .isEqualTo("Recreate");
        }
      }
      JsonNode container = Manifests.container(d);
      assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean())
          .as(module + " read-only root")
          .isTrue();
      assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
      Map<String, String> env = m.environment(container);
      List<String> written = new ArrayList<>(List.of("/tmp"));
      for (String path : List.of("DJL_CACHE_DIR", "LETHE_EVALUATOR_ORIGINAL_ANSWERS_DIRECTORY")) {
        if (env.containsKey(path)) {
          written.add(env.get(path));
        }
      }
      if (module.startsWith("trainer")) {
        written.add(env.get("LETHE_CHECKPOINT_ROOT"));
      }
      for (String path : written) {
        JsonNode mount = mountAt(container, path);
        assertThat(mount)
            .as(module + " writes " + path + ": a volume must be mounted there")
            .isNotNull();
        assertThat(mount.path("readOnly").asBoolean(false)).as(module + " " + path).isFalse();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void generatorScalesOnTheLagOfItsConsumerGroup(String overlay) {
    Manifests m = Manifests.render(overlay);
    JsonNode scaled = m.get("ScaledObject", "generator-service");
    JsonNode generator = m.get("Deployment", "generator-service");
    assertThat(scaled.at("/spec/scaleTargetRef/name").asText())
        .isEqualTo(Manifests.name(generator));
    assertThat(generator.at("/spec/replicas").isMissingNode())
        .as("KEDA owns the generator's replicas")
        .isTrue();
    assertThat(scaled.at("/spec/minReplicaCount").asInt())
        .isBetween(1, scaled.at("/spec/maxReplicaCount").asInt());
    JsonNode trigger = scaled.at("/spec/triggers/0");
    assertThat(scaled.at("/spec/triggers").size()).isEqualTo(1);
    assertThat(trigger.path("type").asText()).isEqualTo("kafka");
    ApplicationProperties properties = ApplicationProperties.of("generator-service");
    String topic = trigger.at("/metadata/topic").asText();
    // the shard tasks are the work; the checkpoints the generator consumes are only planned
    assertThat(topic).isEqualTo("generation-tasks");
    assertThat(properties.topics("incoming")).contains(topic);
    assertThat(properties.topics("outgoing")).as("the generators' own work queue").contains(topic);
    assertThat(trigger.at("/metadata/consumerGroup").asText())
        .isEqualTo(properties.consumerGroupOf(topic));
    assertThat(trigger.at("/metadata/bootstrapServers").asText())
        .as("KEDA reads the lag from the cluster the generator consumes from")
        .isEqualTo(m.environment(Manifests.container(generator)).get("KAFKA_BOOTSTRAP_SERVERS"));
    assertThat(Integer.parseInt(trigger.at("/metadata/lagThreshold").asText())).isPositive();
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void modelsRunOnTheDeviceTheirImageCarriesNativesFor(String overlay) {
    Manifests m = Manifests.render(overlay);
    for (String module : List.of("trainer-service", "generator-service")) {
      JsonNode container = Manifests.container(m.get("Deployment", module));
      String variable =
          "LETHE_" + module.replace("-service", "").toUpperCase(Locale.ROOT) + "_DEVICE";
      assertThat(ServiceConfigKeys.of(module).readsAsConfiguration(variable))
          .as(module + " reads " + variable)
          .isTrue();
      boolean gpuImage = container.path("image").asText().endsWith("-gpu");
      assertThat(m.environment(container))
          .as(overlay + " " + module + ": explicit device, never auto-detected")
          .containsEntry(variable, gpuImage ? "gpu" : "cpu");
      if (gpuImage) {
        assertThat(Repository.module(module).resolve("src/main/docker/Dockerfile.gpu"))
            .as(module + " has a GPU image")
            .isRegularFile();
      }
    }
    assertThat(
            m.environment(Manifests.container(m.get("Deployment", "trainer-service")))
                .get("LETHE_TRAINER_DEVICE"))
        .isEqualTo(overlay.endsWith("/gpu") ? "gpu" : "cpu");
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void onlyTheGpuOverlayRequestsAGpuAndOnlyForTheTrainer(String overlay) {
    Manifests m = Manifests.render(overlay);
    boolean gpuOverlay = overlay.endsWith("/gpu");
    for (JsonNode d : m.ofKind("Deployment")) {
      String module = Manifests.name(d);
      JsonNode container = Manifests.container(d);
      JsonNode pod = d.at("/spec/template/spec");
      boolean gpuTrainer = gpuOverlay && module.equals("trainer-service");
      String image = container.path("image").asText();
      if (gpuTrainer) {
        assertThat(container.at("/resources/limits").path(GPU).asInt())
            .as("GPU limit")
            .isPositive();
        assertThat(container.at("/resources/requests").path(GPU).asText())
            .as("extended resources: request equals limit")
            .isEqualTo(container.at("/resources/limits").path(GPU).asText());
        assertThat(pod.path("nodeSelector").size()).as("GPU node selector").isPositive();
        assertThat(pod.path("tolerations").findValuesAsText("key")).contains(GPU);
        assertThat(image).endsWith("-gpu");
        assertThat(m.environment(container)).containsEntry("LETHE_TRAINER_DEVICE", "gpu");
      } else {
        assertThat(container.at("/resources/limits").has(GPU)).as(module + " GPU").isFalse();
        assertThat(container.at("/resources/requests").has(GPU)).as(module + " GPU").isFalse();
        assertThat(pod.path("tolerations").findValuesAsText("key")).doesNotContain(GPU);
        assertThat(image).doesNotEndWith("-gpu");
      }
    }
  }

  private static List<ObjectNode> selected(List<ObjectNode> deployments, JsonNode selector) {
    return deployments.stream()
        .filter(d -> Manifests.selects(selector, d.at("/spec/template/metadata/labels")))
        .collect(Collectors.toList());
  }

  /** A probe's or Service's port: a number, or the name of one of the container's ports. */
  static int containerPort(JsonNode container, JsonNode port) {
    if (port.isInt() || port.asText().matches("\\d+")) {
      return port.asInt();
    }
    for (JsonNode p : container.path("ports")) {
      if (port.asText().equals(p.path("name").asText())) {
        return p.path("containerPort").asInt();
      }
    }
    throw new AssertionError("no container port named " + port.asText());
  }

  /** The mount that holds {@code path} (the mount point itself or a directory above it). */
  private static JsonNode mountAt(JsonNode container, String path) {
    if (path == null) {
      return null;
    }
    JsonNode best = null;
    for (JsonNode mount : container.path("volumeMounts")) {
      Path mountPath = Path.of(mount.path("mountPath").asText());
      if (Path.of(path).startsWith(mountPath)
          && (best == null
              || mountPath.getNameCount()
                  > Path.of(best.path("mountPath").asText()).getNameCount())) {
        best = mount;
      }
    }
    return best;
  }

  private static JsonNode volume(JsonNode deployment, String name) {
    for (JsonNode v : deployment.at("/spec/template/spec/volumes")) {
      if (name.equals(v.path("name").asText())) {
        return v;
      }
    }
    throw new AssertionError(Manifests.name(deployment) + " has no volume " + name);
  }

  private static List<String> textList(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(e -> out.add(e.asText()));
    return out;
  }
}
