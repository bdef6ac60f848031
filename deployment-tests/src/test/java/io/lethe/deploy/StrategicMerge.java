package io.lethe.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kubernetes strategic merge patch for the fields Lethe's overlays touch: mappings merge key by
 * key, lists with a patch merge key (containers by {@code name}, volume mounts by {@code
 * mountPath}, …) merge element by element, every other list is replaced, and {@code null} deletes a
 * field. As in kustomize, a merged list holds the patch's elements in the patch's order (merged
 * into their originals), then the original elements the patch did not name.
 */
final class StrategicMerge {

  /**
   * {@code x-kubernetes-patch-merge-key} of the list fields in the core and apps API groups that a
   * pod template holds. Lists not named here (tolerations, envFrom, args, …) are replaced whole.
   */
  private static final Map<String, String> MERGE_KEYS =
      Map.of(
          "containers", "name",
          "initContainers", "name",
          "ephemeralContainers", "name",
          "volumes", "name",
          "volumeMounts", "mountPath",
          "volumeDevices", "devicePath",
          "env", "name",
          "imagePullSecrets", "name",
          "hostAliases", "ip");

  private StrategicMerge() {}

  /** Applies {@code patch} to a deep copy of {@code target}. */
  static ObjectNode apply(ObjectNode target, ObjectNode patch) {
    ObjectNode result = target.deepCopy();
    mergeObject(result, patch);
    return result;
  }

  private static void mergeObject(ObjectNode target, ObjectNode patch) {
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = field.getKey();
      JsonNode value = field.getValue();
      JsonNode existing = target.get(name);
      if (value.isNull()) {
        target.remove(name);
      } else if (existing != null && existing.isObject() && value.isObject()) {
        mergeObject((ObjectNode) existing, (ObjectNode) value);
      } else if (existing != null && existing.isArray() && value.isArray()) {
        Optional<String> key = mergeKey(name, (ArrayNode) existing, (ArrayNode) value);
        target.set(
            name,
            key.isPresent()
                ? mergeList((ArrayNode) existing, (ArrayNode) value, key.get())
                : value.deepCopy());
      } else {
        target.set(name, value.deepCopy());
      }
    }
  }

  /**
   * The merge key of a list field: from the table, except {@code ports}, whose key depends on the
   * list (a container's ports merge on {@code containerPort}, a Service's on {@code port}).
   */
  private static Optional<String> mergeKey(String field, ArrayNode existing, ArrayNode patch) {
    if ("ports".equals(field)) {
      boolean containerPorts =
          elements(existing).stream().anyMatch(e -> e.has("containerPort"))
              || elements(patch).stream().anyMatch(e -> e.has("containerPort"));
      return Optional.of(containerPorts ? "containerPort" : "port");
    }
    return Optional.ofNullable(MERGE_KEYS.get(field));
  }

  private static ArrayNode mergeList(ArrayNode existing, ArrayNode patch, String key) {
    ArrayNode merged = existing.arrayNode();
    List<JsonNode> unmatched = new ArrayList<>();
    existing.forEach(unmatched::add);
    for (JsonNode element : patch) {
      JsonNode id = element.get(key);
      if (id == null) {
        throw new IllegalArgumentException(
            "a patch list element lacks its merge key '" + key + "': " + element);
      }
      Optional<JsonNode> match = unmatched.stream().filter(o -> id.equals(o.get(key))).findFirst();
      if (match.isPresent() && match.get().isObject() && element.isObject()) {
        ObjectNode original = (ObjectNode) match.get().deepCopy();
        mergeObject(original, (ObjectNode) element);
        merged.add(original);
      } else {
        merged.add(element.deepCopy());
      }
      match.ifPresent(unmatched::remove);
    }
    unmatched.forEach(o -> merged.add(o.deepCopy()));
    return merged;
  }

  private static List<JsonNode> elements(ArrayNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out;
  }
}
