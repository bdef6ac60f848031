package io.lethe.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.infra.FreePorts;
import io.lethe.stack.LetheService;
import io.lethe.stack.LocalStack;
import io.lethe.stack.StackConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard and the metric catalogue must describe what the real services expose. The four
 * built services are started with the local stack (real Kafka and PostgreSQL) and made to do a
 * deployment's work in miniature ({@link StackActivity}): fine-tune, unlearn under a utility floor,
 * fail on a forged checkpoint, dead-letter poison on every input topic. Then every query of the
 * dashboard must select series that exist, with the labels it filters and groups by, and every
 * {@code lethe_*} metric must be in {@code monitoring/README.md} with exactly its tags. Nothing is
 * allow-listed: every meter the dashboard reads appears in this run.
 */
class DashboardMetricsTest {

  /** Labels Prometheus adds to every series from its scrape target, not from the service. */
  private static final Set<String> TARGET_LABELS = Set.of("job", "instance");

  private static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  @TempDir Path tmp;

  @Test
  void everyDashboardQueryAndCatalogueEntryMatchesWhatTheRunningServicesExpose() throws Exception {
    Path repo = Repository.root();
    List<Path> missingJars =
        Stream.of(LetheService.values())
            .map(s -> s.runnableJar(repo))
            .filter(jar -> !Files.isRegularFile(jar))
            .toList();
    assumeTrue(
        missingJars.isEmpty(),
        "service jars not built (./mvnw -B -ntp package the service modules first): "
            + missingJars);
    GrafanaDashboard dashboard =
        GrafanaDashboard.load(Repository.resolve("monitoring/grafana/dashboards/lethe.json"));
    MetricCatalogue catalogue = MonitoringConfigTest.catalogue();
    Set<String> inputTopics = inputTopics();

    Map<LetheService, String> scraped = new EnumMap<>(LetheService.class);
    try (LocalStack stack = LocalStack.start(onFreePorts(repo))) {
      StackActivity activity = new StackActivity(stack.endpoints());
      activity.publishPoison(inputTopics);
      JsonNode reference = activity.fineTuneReferenceModel(Duration.ofMinutes(5));
      assertThat(reference.path("status").asText()).as(reference.toString()).isEqualTo("COMPLETED");
      String controlled = activity.submitControlledUnlearning(reference.path("result"));
      String forged = activity.submitFromAForgedCheckpoint(reference.path("result"));
      JsonNode completed = activity.awaitEnd(controlled, Duration.ofMinutes(10));
      JsonNode failed = activity.awaitEnd(forged, Duration.ofMinutes(5));
      assertThat(completed.path("status").asText()).as(completed.toString()).isEqualTo("COMPLETED");
      assertThat(failed.path("status").asText()).as(failed.toString()).isEqualTo("FAILED");

      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofSeconds(2))
          .untilAsserted(
              () -> {
                scraped.clear();
                for (LetheService service : LetheService.values()) {
                  scraped.put(service, activity.scrape(service));
                }
                List<MetricsText.Sample> all = samples(scraped);
                for (String topic : inputTopics) {
                  assertThat(
                          value(
                              all,
                              "lethe_events_consumed_total",
                              Map.of("topic", topic, "outcome", "dead_lettered")))
                      .as("dead letter counted for " + topic)
                      .isPositive();
                }
                assertThat(
                        value(
                            all,
                            "lethe_trainer_failures_total",
                            Map.of("category", "checkpoint_rejected")))
                    .as("the forged checkpoint refused")
                    .isEqualTo(1.0);
                for (String decision : List.of("fail", "complete")) {
                  assertThat(
                          value(
                              all,
                              "lethe_controller_decisions_total",
                              Map.of("decision", decision)))
                      .as("decisions " + decision)
                      .isPositive();
                }
              });
    }

    List<MetricsText.Sample> samples = samples(scraped);
    Map<String, Set<String>> labelsByName = new TreeMap<>();
    for (MetricsText.Sample s : samples) {
      labelsByName.computeIfAbsent(s.name(), n -> new TreeSet<>()).addAll(s.labels().keySet());
    }

    List<String> unmatched = new ArrayList<>();
    for (GrafanaDashboard.Query query : dashboard.queries()) {
      for (PromQl.Selector selector : PromQl.selectors(query.expr())) {
        boolean selects =
            samples.stream()
                .anyMatch(
                    s ->
                        s.name().equals(selector.metric())
                            && s.labels()
                                .entrySet()
                                .containsAll(selector.requiredLabels().entrySet()));
        if (!selects) {
          unmatched.add(query.panel() + ": " + selector + " selects no series");
        }
      }
      for (String label : PromQl.groupingLabels(query.expr())) {
        for (String metric : PromQl.metricNames(query.expr())) {
          if (!TARGET_LABELS.contains(label)
              && !labelsByName.getOrDefault(metric, Set.of()).contains(label)) {
            unmatched.add(query.panel() + ": groups " + metric + " by " + label + ", it has none");
          }
        }
      }
    }
    // every disagreement at once: one run of the stack is minutes
    SoftAssertions softly = new SoftAssertions();
    softly
        .assertThat(unmatched)
        .as("dashboard queries the running services do not answer")
        .isEmpty();
    softly
        .assertThat(catalogueMismatches(catalogue, labelsByName))
        .as(catalogue.source() + " vs the metrics the services expose")
        .isEmpty();
    softly
        .assertThat(
            samples.stream()
                .filter(s -> s.name().startsWith("lethe_"))
                .filter(s -> s.labels().values().stream().anyMatch(v -> UUID.matcher(v).find()))
                .toList())
        .as("Lethe meters tagged with ids (unbounded series)")
        .isEmpty();
    softly.assertAll();
  }

  /**
   * Every exposed {@code lethe_*} sample is documented with exactly its labels and its type, and
   * every documented {@code lethe_*} metric is exposed; the other documented metrics (Kafka client,
   * HTTP, JVM) have at least the tags documented.
   */
  private static List<String> catalogueMismatches(
      MetricCatalogue catalogue, Map<String, Set<String>> labelsByName) {
    List<String> out = new ArrayList<>();
    Map<String, Set<String>> exposedTags = new TreeMap<>();
    labelsByName.forEach(
        (name, labels) -> {
          var entry = catalogue.entryOf(name);
          if (entry.isPresent()) {
            exposedTags.computeIfAbsent(entry.get().metric(), m -> new TreeSet<>()).addAll(labels);
          } else if (name.startsWith("lethe_")) {
            out.add(name + " " + labels + " is not in the catalogue");
          }
        });
    for (MetricCatalogue.Entry entry : catalogue.entries()) {
      Set<String> exposed = exposedTags.get(entry.metric());
      boolean lethe = entry.metric().startsWith("lethe_");
      if (exposed == null) {
        if (lethe) {
          out.add(entry.metric() + " is catalogued but no service exposes it");
        }
        continue;
      }
      boolean tagsMatch = lethe ? exposed.equals(entry.tags()) : exposed.containsAll(entry.tags());
      if (!tagsMatch) {
        out.add(entry.metric() + " has tags " + exposed + ", catalogued " + entry.tags());
      }
      String type = entry.type();
      boolean typeMatches =
          switch (type) {
            case "counter" -> entry.metric().endsWith("_total");
            case "timer" -> labelsByName.containsKey(entry.metric() + "_count");
            case "gauge" -> labelsByName.containsKey(entry.metric());
            default -> false;
          };
      if (!typeMatches) {
        out.add(entry.metric() + " is catalogued as a " + type + " but is not exposed as one");
      }
    }
    return out;
  }

  /** Every topic some service consumes: each dead-letters poison from its own. */
  private static Set<String> inputTopics() {
    Set<String> topics = new TreeSet<>();
    for (LetheService service : LetheService.values()) {
      topics.addAll(ApplicationProperties.of(service.moduleName()).topics("incoming"));
    }
    return topics;
  }

  private static List<MetricsText.Sample> samples(Map<LetheService, String> scraped) {
    List<MetricsText.Sample> out = new ArrayList<>();
    scraped.values().forEach(text -> out.addAll(MetricsText.samples(text)));
    return out;
  }

  /** The sum of the samples named {@code name} that carry {@code labels}. */
  private static double value(
      List<MetricsText.Sample> samples, String name, Map<String, String> labels) {
    return samples.stream()
        .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
        .mapToDouble(MetricsText.Sample::value)
        .sum();
  }

  /** A stack on free ports with its data in the test's temporary directory. */
  private StackConfig onFreePorts(Path repo) {
    StackConfig.Builder builder =
        StackConfig.builder(repo)
            .dataDirectory(tmp.resolve("data"))
            .postgresPort(FreePorts.next())
            .kafkaPort(FreePorts.next())
            .kafkaControllerPort(FreePorts.next())
            .readyTimeout(Duration.ofSeconds(150))
            .stopGrace(Duration.ofSeconds(10));
    for (LetheService service : LetheService.values()) {
      builder.servicePort(service, FreePorts.next());
    }
    return builder.build();
  }
}
