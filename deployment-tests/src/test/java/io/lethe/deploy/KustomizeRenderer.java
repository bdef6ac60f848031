package io.lethe.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Renders a Kustomize directory the way {@code kubectl kustomize} does, for exactly the subset
 * Lethe's {@code k8s/} tree uses: {@code resources} (files and directories), {@code patches} with a
 * strategic-merge file, {@code namespace}, {@code labels} and {@code images}, applied in
 * kustomize's order (patches, namespace, labels, images). There is no kustomize binary on the build
 * machines, so the manifest tests render with this; {@code KustomizeCrossCheckTest} compares it
 * with the real kustomize wherever {@code kubectl} exists. A field outside the subset fails the
 * render instead of being ignored.
 */
final class KustomizeRenderer {

  private static final Set<String> SUPPORTED_FIELDS =
      Set.of("apiVersion", "kind", "namespace", "labels", "resources", "patches", "images");

  /** Kinds without a namespace; every other kind (custom resources included) is namespaced. */
  private static final Set<String> CLUSTER_SCOPED =
      Set.of(
          "Namespace",
          "Node",
          "PersistentVolume",
          "StorageClass",
          "ClusterRole",
          "ClusterRoleBinding",
          "CustomResourceDefinition",
          "PriorityClass",
          "RuntimeClass",
          "IngressClass",
          "APIService",
          "MutatingWebhookConfiguration",
          "ValidatingWebhookConfiguration");

  /** Workload kinds whose pod template {@code labels} with {@code includeTemplates} reaches. */
  private static final Set<String> TEMPLATED =
      Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job");

  private KustomizeRenderer() {}

  /** The resources the kustomization in {@code directory} produces. */
  static List<ObjectNode> render(Path directory) {
    Path file = kustomizationFile(directory);
    ObjectNode kustomization = YamlFiles.readOne(file);
    for (Iterator<String> it = kustomization.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!SUPPORTED_FIELDS.contains(field)) {
        throw new UnsupportedOperationException(
            file + ": '" + field + "' is outside the Kustomize subset deployment-tests renders");
      }
    }
    List<ObjectNode> resources = new ArrayList<>();
    for (JsonNode entry : kustomization.path("resources")) {
      Path path = directory.resolve(entry.asText()).normalize();
      if (Files.isDirectory(path)) {
        resources.addAll(render(path));
      } else if (Files.isRegularFile(path)) {
        resources.addAll(YamlFiles.readAll(path));
      } else {
        throw new IllegalArgumentException(file + ": resource " + entry.asText() + " not found");
      }
    }
    resources = applyPatches(directory, kustomization.path("patches"), resources);
    if (kustomization.hasNonNull("namespace")) {
      setNamespace(resources, kustomization.get("namespace").asText());
    }
    for (JsonNode labels : kustomization.path("labels")) {
      addLabels(resources, labels, file);
    }
    for (JsonNode image : kustomization.path("images")) {
      resources.forEach(r -> setImage(r, image));
    }
    return resources;
  }

  private static Path kustomizationFile(Path directory) {
    for (String name : List.of("kustomization.yaml", "kustomization.yml", "Kustomization")) {
      Path file = directory.resolve(name);
      if (Files.isRegularFile(file)) {
        return file;
      }
    }
    throw new IllegalArgumentException("no kustomization file in " + directory);
  }

  private static List<ObjectNode> applyPatches(
      Path directory, JsonNode patches, List<ObjectNode> resources) {
    List<ObjectNode> out = new ArrayList<>(resources);
    for (JsonNode entry : patches) {
      if (!entry.hasNonNull("path") || entry.size() != 1) {
        throw new UnsupportedOperationException(
            directory + ": only 'patches: - path: <strategic-merge file>' is supported: " + entry);
      }
      for (ObjectNode patch : YamlFiles.readAll(directory.resolve(entry.get("path").asText()))) {
        int index = indexOfTarget(out, patch);
        if (index < 0) {
          throw new IllegalArgumentException(
              directory + ": patch target not found: " + ResourceId.of(patch));
        }
        out.set(index, StrategicMerge.apply(out.get(index), patch));
      }
    }
    return out;
  }

  /** A patch addresses its target by kind and name (and namespace, when the patch names one). */
  private static int indexOfTarget(List<ObjectNode> resources, ObjectNode patch) {
    ResourceId wanted = ResourceId.of(patch);
    for (int i = 0; i < resources.size(); i++) {
      ResourceId id = ResourceId.of(resources.get(i));
      if (id.kind().equals(wanted.kind())
          && id.name().equals(wanted.name())
          && (wanted.namespace().isEmpty() || wanted.namespace().equals(id.namespace()))) {
        return i;
      }
    }
    return -1;
  }

  private static void setNamespace(List<ObjectNode> resources, String namespace) {
    for (ObjectNode resource : resources) {
      if (!CLUSTER_SCOPED.contains(resource.path("kind").asText())) {
        metadata(resource).put("namespace", namespace);
      }
    }
  }

  private static void addLabels(List<ObjectNode> resources, JsonNode entry, Path file) {
    if (entry.path("includeSelectors").asBoolean(false)) {
      throw new UnsupportedOperationException(
          file + ": labels with includeSelectors are outside the subset (selectors are immutable)");
    }
    boolean templates = entry.path("includeTemplates").asBoolean(false);
    for (ObjectNode resource : resources) {
      ObjectNode labels = child(metadata(resource), "labels");
      entry.path("pairs").fields().forEachRemaining(p -> labels.set(p.getKey(), p.getValue()));
      if (templates && TEMPLATED.contains(resource.path("kind").asText())) {
        ObjectNode template = child(child(child(resource, "spec"), "template"), "metadata");
        ObjectNode templateLabels = child(template, "labels");
        entry
            .path("pairs")
            .fields()
            .forEachRemaining(p -> templateLabels.set(p.getKey(), p.getValue()));
      }
    }
  }

  /**
   * kustomize's image transformer: every {@code image} of a container list anywhere in the resource
   * whose name (without tag or digest) is the entry's {@code name} gets the new name and/or tag.
   */
  private static void setImage(JsonNode node, JsonNode entry) {
    if (node.isObject()) {
      for (String list : List.of("containers", "initContainers")) {
        if (node.get(list) instanceof ArrayNode containers) {
          for (JsonNode container : containers) {
            retag((ObjectNode) container, entry);
          }
        }
      }
      node.elements().forEachRemaining(child -> setImage(child, entry));
    } else if (node.isArray()) {
      node.elements().forEachRemaining(child -> setImage(child, entry));
    }
  }

  private static void retag(ObjectNode container, JsonNode entry) {
    if (!container.hasNonNull("image")) {
      return;
    }
    ImageRef image = ImageRef.parse(container.get("image").asText());
    if (!image.name().equals(entry.path("name").asText())) {
      return;
    }
    String name = entry.hasNonNull("newName") ? entry.get("newName").asText() : image.name();
    String tag = entry.hasNonNull("newTag") ? entry.get("newTag").asText() : image.tag();
    container.put("image", tag.isEmpty() ? name : name + ":" + tag);
  }

  private static ObjectNode metadata(ObjectNode resource) {
    return child(resource, "metadata");
  }

  private static ObjectNode child(ObjectNode parent, String field) {
    JsonNode existing = parent.get(field);
    if (existing instanceof ObjectNode object) {
      return object;
    }
    return parent.putObject(field);
  }
}
