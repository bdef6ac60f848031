package io.lethe.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code docker-compose.yml} as Compose would run it with no {@code .env} file: variables
 * interpolated to their {@code ${VAR:-default}} defaults, environment lists and maps read alike.
 */
final class ComposeFile {

  private static final Pattern VARIABLE =
      Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?}");

  private final ObjectNode root;

  private ComposeFile(ObjectNode root) {
    this.root = root;
  }

  static ComposeFile load(Path file) {
    return new ComposeFile(YamlFiles.readOne(file));
  }

  ObjectNode root() {
    return root;
  }

  JsonNode service(String name) {
    JsonNode service = root.path("services").path(name);
    if (service.isMissingNode()) {
      throw new AssertionError("docker-compose.yml has no service " + name);
    }
    return service;
  }

  List<String> serviceNames() {
    List<String> names = new ArrayList<>();
    root.path("services").fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** The services that run a Lethe module: those built from a module directory. */
  List<String> letheServices() {
    List<String> out = new ArrayList<>();
    for (String name : serviceNames()) {
      if (service(name).has("build")) {
        out.add(name);
      }
    }
    return out;
  }

  /** The module a service runs: the directory it is built from. */
  String moduleOf(String service) {
    return Path.of(service(service).at("/build/context").asText()).getFileName().toString();
  }

  /** A service's environment, interpolated; both the map and the {@code - K=V} list forms. */
  Map<String, String> environment(String name) {
    JsonNode env = service(name).path("environment");
    Map<String, String> out = new LinkedHashMap<>();
    if (env.isObject()) {
      env.fields().forEachRemaining(e -> out.put(e.getKey(), interpolate(e.getValue().asText())));
    } else if (env.isArray()) {
      for (JsonNode entry : env) {
        String text = entry.asText();
        int eq = text.indexOf('=');
        out.put(
            eq < 0 ? text : text.substring(0, eq),
            eq < 0 ? "" : interpolate(text.substring(eq + 1)));
      }
    }
    return out;
  }

  /** A scalar with Compose's interpolation: {@code ${X:-d}} → d, {@code ${X}} → "", $$ → $. */
  static String interpolate(String value) {
    Matcher m = VARIABLE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement;
      if (m.group().equals("$$")) {
        replacement = "$";
      } else {
        replacement = m.group(2) == null ? "" : m.group(2);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Volume mounts in short syntax split into source, target and mode. */
  List<Mount> mounts(String name) {
    List<Mount> out = new ArrayList<>();
    for (JsonNode volume : service(name).path("volumes")) {
      String[] parts = interpolate(volume.asText()).split(":");
      out.add(new Mount(parts[0], parts[1], parts.length > 2 ? parts[2] : "rw"));
    }
    return out;
  }

  /** One {@code source:target[:mode]} volume entry. */
  record Mount(String source, String target, String mode) {
    boolean isBind() {
      return source.startsWith(".") || source.startsWith("/");
    }
  }
}
