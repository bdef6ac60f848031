package io.lethe.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** A Grafana dashboard JSON as the checks see it: its panels and their PromQL queries. */
final class GrafanaDashboard {

  /** One query of one panel. */
  record Query(String panel, String datasourceUid, String expr) {}

  private final JsonNode json;

  private GrafanaDashboard(JsonNode json) {
    this.json = json;
  }

  static GrafanaDashboard load(Path file) {
    try {
      return new GrafanaDashboard(new ObjectMapper().readTree(file.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  JsonNode json() {
    return json;
  }

  /** Every panel that is not a row, rows' nested panels included. */
  List<JsonNode> panels() {
    List<JsonNode> out = new ArrayList<>();
    collect(json.path("panels"), out);
    return out;
  }

  List<Query> queries() {
    List<Query> out = new ArrayList<>();
    for (JsonNode panel : panels()) {
      for (JsonNode target : panel.path("targets")) {
        String uid =
            target
                .path("datasource")
                .path("uid")
                .asText(panel.path("datasource").path("uid").asText());
        out.add(new Query(panel.path("title").asText(), uid, target.path("expr").asText()));
      }
    }
    return out;
  }

  /** Metric name → titles of the panels that query it. */
  Map<String, Set<String>> metricsByName() {
    Map<String, Set<String>> out = new TreeMap<>();
    for (Query q : queries()) {
      for (String name : PromQl.metricNames(q.expr())) {
        out.computeIfAbsent(name, n -> new TreeSet<>()).add(q.panel());
      }
    }
    return out;
  }

  private static void collect(JsonNode panels, List<JsonNode> out) {
    for (JsonNode panel : panels) {
      if ("row".equals(panel.path("type").asText())) {
        collect(panel.path("panels"), out);
      } else {
        out.add(panel);
      }
    }
  }
}
