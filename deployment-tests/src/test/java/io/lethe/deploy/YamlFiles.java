package io.lethe.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the YAML of the deployment artifacts (compose, Kustomize, Prometheus, Grafana provisioning)
 * as Jackson trees, so every check works on the same parsed form Kubernetes and Compose would see.
 */
final class YamlFiles {

  static final YAMLMapper MAPPER = new YAMLMapper();

  private YamlFiles() {}

  /** Every non-empty document of a (multi-document) YAML file, in file order. */
  static List<ObjectNode> readAll(Path file) {
    try (MappingIterator<JsonNode> docs =
        MAPPER.readerFor(JsonNode.class).readValues(file.toFile())) {
      return objects(docs, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Every non-empty document of YAML text (e.g. what {@code kubectl kustomize} printed). */
  static List<ObjectNode> readAll(String yaml, String origin) {
    try (MappingIterator<JsonNode> docs = MAPPER.readerFor(JsonNode.class).readValues(yaml)) {
      return objects(docs, origin);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + origin, e);
    }
  }

  /** A file holding exactly one YAML mapping. */
  static ObjectNode readOne(Path file) {
    List<ObjectNode> docs = readAll(file);
    if (docs.size() != 1) {
      throw new IllegalArgumentException(file + " holds " + docs.size() + " documents, not one");
    }
    return docs.get(0);
  }

  private static List<ObjectNode> objects(MappingIterator<JsonNode> docs, String origin)
      throws IOException {
    List<ObjectNode> out = new ArrayList<>();
    while (docs.hasNextValue()) {
      JsonNode doc = docs.nextValue();
      if (doc == null || doc.isNull() || doc.isMissingNode()) {
        continue; // a document of comments only
      }
      if (!doc.isObject()) {
        throw new IllegalArgumentException(origin + ": a document is not a mapping: " + doc);
      }
      out.add((ObjectNode) doc);
    }
    return out;
  }
}
