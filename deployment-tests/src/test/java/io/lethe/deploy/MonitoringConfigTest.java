package io.lethe.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Prometheus, Grafana and the dashboard must fit together and fit compose: every service scraped on
 * the port it listens on, the datasource and dashboard provisioned where Grafana's volumes put
 * them, every panel's query well-formed, and every metric the dashboard reads in the catalogue.
 */
class MonitoringConfigTest {

  /** One metric per part of the catalogue the dashboard must show. */
  private static final Map<String, String> REQUIRED =
      Map.ofEntries(
          Map.entry("job progress", "lethe_trainer_step_seconds_count"),
          Map.entry("step time", "lethe_trainer_step_seconds_sum"),
          Map.entry("training loss", "lethe_trainer_loss"),
          Map.entry("utility", "lethe_job_utility"),
          Map.entry("utility floor", "lethe_job_utility_floor"),
          Map.entry("forget efficacy", "lethe_job_forget"),
          Map.entry("decisions by type", "lethe_controller_decisions_total"),
          Map.entry("training tokens/s", "lethe_trainer_tokens_total"),
          Map.entry("generation tokens/s", "lethe_generation_tokens_total"),
          Map.entry("generation time", "lethe_generation_seconds_sum"),
          Map.entry("evaluation time", "lethe_evaluation_compute_seconds_sum"),
          Map.entry("consumer lag", "kafka_consumer_fetch_manager_records_lag_max"),
          Map.entry("DLQ counts", "lethe_events_consumed_total"),
          Map.entry("checkpoints", "lethe_checkpoints_published_total"),
          Map.entry("trainer failures", "lethe_trainer_failures_total"));

  static final String CATALOGUE = "monitoring/README.md";
  static final String CATALOGUE_HEADING = "## Metric catalogue";

  private static ComposeFile compose;
  private static GrafanaDashboard dashboard;

  @BeforeAll
  static void load() {
    compose = ComposeFile.load(Repository.resolve("docker-compose.yml"));
    dashboard =
        GrafanaDashboard.load(Repository.resolve("monitoring/grafana/dashboards/lethe.json"));
  }

  @Test
  void prometheusScrapesEveryServiceOnThePortItListensOn() {
    JsonNode config = YamlFiles.readOne(Repository.resolve("monitoring/prometheus/prometheus.yml"));
    Map<String, String> targets = new TreeMap<>();
    for (JsonNode job : config.path("scrape_configs")) {
      assertThat(job.path("metrics_path").asText())
          .as(job.path("job_name").asText())
          .isEqualTo("/q/metrics");
      for (JsonNode target : job.at("/static_configs/0/targets")) {
        targets.put(job.path("job_name").asText(), target.asText());
      }
    }
    for (String service : compose.letheServices()) {
      String port = compose.environment(service).get("QUARKUS_HTTP_PORT");
      assertThat(targets)
          .as("scrape job of " + service)
          .containsEntry(service, service + ":" + port);
    }
    assertThat(targets.keySet())
        .as("no job for a service compose does not run")
        .allMatch(job -> compose.serviceNames().contains(job));
  }

  @Test
  void grafanaIsProvisionedWhereComposeMountsItAndPointsAtComposePrometheus() {
    Map<String, String> mounts = new HashMap<>();
    compose.mounts("grafana").forEach(m -> mounts.put(m.source(), m.target()));
    String provisioning = mounts.get("./monitoring/grafana/provisioning");
    String dashboards = mounts.get("./monitoring/grafana/dashboards");
    assertThat(provisioning).isEqualTo("/etc/grafana/provisioning");
    assertThat(dashboards).isNotNull();

    JsonNode datasource =
        YamlFiles.readOne(
                Repository.resolve("monitoring/grafana/provisioning/datasources/prometheus.yml"))
            .at("/datasources/0");
    assertThat(datasource.path("type").asText()).isEqualTo("prometheus");
    assertThat(datasource.path("isDefault").asBoolean()).isTrue();
    URI url = URI.create(datasource.path("url").asText());
    assertThat(compose.serviceNames()).contains(url.getHost());
    assertThat(compose.service(url.getHost()).path("ports").toString())
        .contains(":" + url.getPort());

    JsonNode provider =
        YamlFiles.readOne(
                Repository.resolve("monitoring/grafana/provisioning/dashboards/lethe.yml"))
            .at("/providers/0");
    assertThat(provider.at("/options/path").asText()).isEqualTo(dashboards);
    String home = compose.environment("grafana").get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH");
    assertThat(home).startsWith(dashboards + "/");
    assertThat(
            Repository.resolve("monitoring/grafana/dashboards")
                .resolve(home.substring(dashboards.length() + 1)))
        .isRegularFile();

    JsonNode variable = dashboard.json().at("/templating/list/0");
    assertThat(variable.path("type").asText()).isEqualTo("datasource");
    assertThat(variable.path("query").asText()).isEqualTo("prometheus");
    assertThat(variable.at("/current/value").asText()).isEqualTo(datasource.path("uid").asText());
  }

  @Test
  void everyPanelQueriesTheDatasourceVariableWithWellFormedPromQl() {
    List<JsonNode> panels = dashboard.panels();
    assertThat(panels).hasSizeGreaterThanOrEqualTo(REQUIRED.size());
    Set<Integer> ids = new HashSet<>();
    for (JsonNode panel : panels) {
      String title = panel.path("title").asText();
      assertThat(ids.add(panel.path("id").asInt())).as("unique id " + title).isTrue();
      assertThat(panel.path("targets").size()).as(title + " queries").isPositive();
      JsonNode grid = panel.path("gridPos");
      assertThat(grid.path("x").asInt() + grid.path("w").asInt())
          .as(title + " width")
          .isLessThanOrEqualTo(24);
    }
    for (GrafanaDashboard.Query query : dashboard.queries()) {
      assertThat(query.datasourceUid()).as(query.panel()).isEqualTo("${datasource}");
      assertThat(balanced(query.expr())).as(query.panel() + ": " + query.expr()).isTrue();
      assertThat(PromQl.metricNames(query.expr()))
          .as(query.panel() + ": " + query.expr())
          .isNotEmpty();
    }
    assertThat(overlaps(panels)).as("panels overlapping on the grid").isEmpty();
  }

  @Test
  void theDashboardShowsEveryPartOfTheCatalogueAndTheCatalogueDocumentsEveryMetric() {
    Set<String> used = dashboard.metricsByName().keySet();
    REQUIRED.forEach((part, metric) -> assertThat(used).as(part).contains(metric));

    MetricCatalogue catalogue = catalogue();
    List<String> undocumented = new ArrayList<>();
    for (String metric : used) {
      if (catalogue.entryOf(metric).isEmpty()) {
        undocumented.add(metric);
      }
    }
    assertThat(undocumented).as("dashboard metrics missing from " + CATALOGUE).isEmpty();
  }

  @Test
  void theRootReadmeCataloguesTheSameMetricsWithTheSameTypesAndTags() {
    Map<String, MetricCatalogue.Entry> monitoring = byMetric(catalogue());
    Map<String, MetricCatalogue.Entry> root =
        byMetric(MetricCatalogue.read(Repository.resolve("README.md"), "### Metrics catalogue"));
    assertThat(root).isEqualTo(monitoring);
  }

  static MetricCatalogue catalogue() {
    return MetricCatalogue.read(Repository.resolve(CATALOGUE), CATALOGUE_HEADING);
  }

  private static Map<String, MetricCatalogue.Entry> byMetric(MetricCatalogue catalogue) {
    Map<String, MetricCatalogue.Entry> out = new TreeMap<>();
    for (MetricCatalogue.Entry entry : catalogue.entries()) {
      assertThat(out.put(entry.metric(), entry))
          .as(catalogue.source() + " lists " + entry.metric() + " once")
          .isNull();
    }
    return out;
  }

  private static boolean balanced(String expr) {
    int round = 0;
    int square = 0;
    int curly = 0;
    for (char c : expr.toCharArray()) {
      switch (c) {
        case '(' -> round++;
        case ')' -> round--;
        case '[' -> square++;
        case ']' -> square--;
        case '{' -> curly++;
        case '}' -> curly--;
        default -> {}
      }
      if (round < 0 || square < 0 || curly < 0) {
        return false;
      }
    }
    return round == 0 && square == 0 && curly == 0;
  }

  private static List<String> overlaps(List<JsonNode> panels) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < panels.size(); i++) {
      for (int j = i + 1; j < panels.size(); j++) {
        JsonNode a = panels.get(i).path("gridPos");
        JsonNode b = panels.get(j).path("gridPos");
        boolean apart =
            a.path("x").asInt() + a.path("w").asInt() <= b.path("x").asInt()
                || b.path("x").asInt() + b.path("w").asInt() <= a.path("x").asInt()
                || a.path("y").asInt() + a.path("h").asInt() <= b.path("y").asInt()
                || b.path("y").asInt() + b.path("h").asInt() <= a.path("y").asInt();
        if (!apart) {
          out.add(
              panels.get(i).path("title").asText() + " / " + panels.get(j).path("title").asText());
        }
      }
    }
    return out;
  }
}
