package io.lethe.stack.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * Makes a stored report independent of the machine that ran it: checkpoint URIs and dataset paths
 * inside the run's data directory ({@code file:///home/x/.lethe/checkpoints/…}) become {@code
 * <data-dir>/checkpoints/…}. The document never shows them; they are kept (relative) so a reader
 * can still tell which checkpoint a report names, without learning where someone's worktree was.
 */
public final class PortableReports {

  /** What replaces the data directory in a stored value. */
  public static final String PLACEHOLDER = "<data-dir>";

  private PortableReports() {}

  /** A copy of {@code report} with every text value under {@code dataDirectory} made relative. */
  public static JsonNode relativize(JsonNode report, Path dataDirectory) {
    if (dataDirectory == null) {
      return report;
    }
    Path dir = dataDirectory.toAbsolutePath().normalize();
    String uri = dir.toUri().toString(); // file:///…/dir/
    String path = dir.toString();
    return rewrite(report.deepCopy(), uri.endsWith("/") ? uri : uri + "/", path);
  }

  private static JsonNode rewrite(JsonNode node, String uriPrefix, String pathPrefix) {
    if (node.isObject()) {
      ObjectNode o = (ObjectNode) node;
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        e.setValue(rewrite(e.getValue(), uriPrefix, pathPrefix));
      }
    } else if (node.isArray()) {
      ArrayNode a = (ArrayNode) node;
      for (int i = 0; i < a.size(); i++) {
        a.set(i, rewrite(a.get(i), uriPrefix, pathPrefix));
      }
    } else if (node.isTextual()) {
      String v = node.asText();
      if (v.startsWith(uriPrefix)) {
        return TextNode.valueOf(PLACEHOLDER + "/" + v.substring(uriPrefix.length()));
      }
      if (v.equals(pathPrefix) || v.startsWith(pathPrefix + "/")) {
        return TextNode.valueOf(PLACEHOLDER + v.substring(pathPrefix.length()));
      }
    }
    return node;
  }
}
