package io.lethe.deploy;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What identifies a Kubernetes object in a render: kind, namespace and name (kustomize's ResId
 * without the API group, which no two Lethe resources share a kind and name across).
 */
record ResourceId(String kind, String namespace, String name) {

  static ResourceId of(JsonNode resource) {
    JsonNode metadata = resource.path("metadata");
    return new ResourceId(
        resource.path("kind").asText(),
        metadata.path("namespace").asText(""),
        metadata.path("name").asText(""));
  }

  @Override
  public String toString() {
    return kind + "/" + (namespace.isEmpty() ? "" : namespace + "/") + name;
  }
}
