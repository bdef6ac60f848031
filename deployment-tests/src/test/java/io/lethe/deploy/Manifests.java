package io.lethe.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One rendered kustomization, with the lookups the manifest checks need. */
final class Manifests {

  private final String source;
  private final List<ObjectNode> resources;

  private Manifests(String source, List<ObjectNode> resources) {
    this.source = source;
    this.resources = List.copyOf(resources);
  }

  /**
   * Renders a kustomization directory relative to the repository, e.g. {@code k8s/overlays/gpu}.
   */
  static Manifests render(String directory) {
    return new Manifests(directory, KustomizeRenderer.render(Repository.resolve(directory)));
  }

  List<ObjectNode> all() {
    return resources;
  }

  List<ObjectNode> ofKind(String kind) {
    return resources.stream().filter(r -> kind.equals(r.path("kind").asText())).toList();
  }

  Optional<ObjectNode> find(String kind, String name) {
    return ofKind(kind).stream()
        .filter(r -> name.equals(r.path("metadata").path("name").asText()))
        .findFirst();
  }

  ObjectNode get(String kind, String name) {
    return find(kind, name)
        .orElseThrow(() -> new AssertionError(source + " renders no " + kind + " " + name));
  }

  /** The one container of a single-container Deployment (every Lethe service is one). */
  static JsonNode container(JsonNode deployment) {
    JsonNode containers = deployment.at("/spec/template/spec/containers");
    if (containers.size() != 1) {
      throw new AssertionError(
          name(deployment) + " has " + containers.size() + " containers, expected one");
    }
    return containers.get(0);
  }

  static String name(JsonNode resource) {
    return resource.path("metadata").path("name").asText();
  }

  /**
   * The environment a container starts with: {@code envFrom} ConfigMaps first, then {@code env}
   * (which wins, as in Kubernetes). Values from Secrets are {@code <secret name/key>}.
   */
  Map<String, String> environment(JsonNode container) {
    Map<String, String> env = new LinkedHashMap<>();
    for (JsonNode from : container.path("envFrom")) {
      String configMap = from.path("configMapRef").path("name").asText();
      get("ConfigMap", configMap)
          .path("data")
          .fields()
          .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
    }
    for (JsonNode var : container.path("env")) {
      JsonNode secret = var.at("/valueFrom/secretKeyRef");
      JsonNode configMapKey = var.at("/valueFrom/configMapKeyRef");
      String value;
      if (!secret.isMissingNode()) {
        value = "<secret " + secret.path("name").asText() + "/" + secret.path("key").asText() + ">";
      } else if (!configMapKey.isMissingNode()) {
        value =
            get("ConfigMap", configMapKey.path("name").asText())
                .path("data")
                .path(configMapKey.path("key").asText())
                .asText();
      } else {
        value = var.path("value").asText();
      }
      env.put(var.path("name").asText(), value);
    }
    return env;
  }

  /** True when every label of {@code selector} is among {@code labels} with the same value. */
  static boolean selects(JsonNode selector, JsonNode labels) {
    if (selector == null || selector.isMissingNode() || selector.isEmpty()) {
      return false;
    }
    for (Map.Entry<String, JsonNode> entry : selector.properties()) {
      if (!entry.getValue().equals(labels.get(entry.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
