package io.lethe.stack.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the demo against a running stack through the job API, as a user would: builds (or reuses)
 * the target and retain models, runs the unlearning jobs of {@link DemoPlan} concurrently, prints
 * their progress, then prints a comparison and writes each job's HTML report next to an index page.
 */
public final class DemoRunner {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> ENDED = Set.of("HALTED", "COMPLETED", "FAILED", "CANCELLED");

  private final OrchestratorClient api;
  private final Path dataDirectory;
  private final PrintStream out;
  private final Duration pollInterval;
  private final Duration jobTimeout;

  /**
   * @param orchestrator the orchestrator's base URL
   * @param token bearer token of the job API (submit and view)
   */
  public DemoRunner(
      URI orchestrator,
      String token,
      Path dataDirectory,
      PrintStream out,
      Duration pollInterval,
      Duration jobTimeout) {
    this.api = new OrchestratorClient(orchestrator, token);
    this.dataDirectory = dataDirectory;
    this.out = out;
    this.pollInterval = pollInterval;
    this.jobTimeout = jobTimeout;
  }

  /** Runs the demo; returns the outcome of every unlearning job. */
  public List<DemoOutcome> run() {
    long start = System.nanoTime();
    Map<String, DemoPlan.ModelRef> models = referenceModels();
    out.printf("Reference models ready after %s%n", since(start));

    Map<String, String> jobs = new LinkedHashMap<>();
    for (DemoPlan.Run run : DemoPlan.RUNS) {
      String id = api.submit(DemoPlan.unlearn(run, models.get("target"), models.get("retain")));
      jobs.put(id, run.method());
      out.printf("Submitted %-7s unlearning job %s%n", run.method(), id);
    }
    awaitAll(jobs);

    Path reports = dataDirectory.resolve("reports");
    List<DemoOutcome> outcomes = new ArrayList<>();
    for (Map.Entry<String, String> job : jobs.entrySet()) {
      JsonNode report = api.report(job.getKey());
      writeReport(reports, job.getKey(), api.reportHtml(job.getKey()));
      outcomes.add(DemoOutcome.of(job.getValue(), report));
    }
    writeIndex(reports, outcomes);
    out.println();
    out.print(ComparisonTable.render(outcomes));
    out.println();
    out.printf("Reports: %s%n", reports.resolve("index.html"));
    out.printf("Demo finished in %s%n", since(start));
    return outcomes;
  }

  /**
   * The target and retain models of the built-in dataset: reused from an earlier run when their
   * checkpoints are still there (the file is verified by hash when a job loads it), otherwise built
   * with two FINETUNE jobs.
   */
  Map<String, DemoPlan.ModelRef> referenceModels() {
    Path cache = dataDirectory.resolve("demo").resolve("reference-models.json");
    Map<String, DemoPlan.ModelRef> models = readCache(cache);
    if (models != null) {
      out.println("Reusing the target and retain models of an earlier run (" + cache + ")");
      return models;
    }
    out.println(
        "Building the target model (all authors) and the retain model (forget authors held out)");
    Map<String, String> jobs = new LinkedHashMap<>();
    jobs.put(api.submit(DemoPlan.finetune("full")), "target");
    jobs.put(api.submit(DemoPlan.finetune("retain")), "retain");
    awaitAll(jobs);
    models = new LinkedHashMap<>();
    for (Map.Entry<String, String> job : jobs.entrySet()) {
      JsonNode state = api.job(job.getKey());
      if (!"COMPLETED".equals(state.path("status").asText())
          || state.path("result").isMissingNode()) {
        throw new DemoException(
            "fine-tuning the "
                + job.getValue()
                + " model ended "
                + state.path("status").asText()
                + ": "
                + state.path("statusReason").asText());
      }
      models.put(
          job.getValue(),
          new DemoPlan.ModelRef(
              state.path("result").path("uri").asText(),
              state.path("result").path("sha256").asText()));
    }
    writeCache(cache, models);
    return models;
  }

  private void awaitAll(Map<String, String> jobs) {
    long deadline = System.nanoTime() + jobTimeout.toNanos();
    Map<String, String> lastLine = new LinkedHashMap<>();
    while (true) {
      boolean allEnded = true;
      for (Map.Entry<String, String> job : jobs.entrySet()) {
        JsonNode state = api.job(job.getKey());
        String status = state.path("status").asText();
        String line =
            String.format(
                "  %-7s %-9s step %3d/%s%s%s",
                job.getValue(),
                status,
                state.path("currentStep").asInt(),
                state.path("plannedSteps").isNull() ? "?" : state.path("plannedSteps").asText(),
                ControlProgress.describe(state),
                state.path("statusReason").isTextual()
                    ? "  — " + state.path("statusReason").asText()
                    : "");
        if (!line.equals(lastLine.get(job.getKey()))) {
          out.println(line);
          lastLine.put(job.getKey(), line);
        }
        allEnded &= ENDED.contains(status);
      }
      if (allEnded) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new DemoException("jobs did not end within " + jobTimeout + ": " + jobs);
      }
      try {
        Thread.sleep(pollInterval.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DemoException("interrupted while waiting for " + jobs.values(), e);
      }
    }
  }

  private static Map<String, DemoPlan.ModelRef> readCache(Path cache) {
    if (!Files.exists(cache)) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(cache.toFile());
      Map<String, DemoPlan.ModelRef> models = new LinkedHashMap<>();
      for (String name : List.of("target", "retain")) {
        JsonNode m = node.path(name);
        String uri = m.path("uri").asText(null);
        if (uri == null || !Files.isDirectory(Path.of(URI.create(uri)))) {
          return null; // the checkpoint store was cleaned: build again
        }
        models.put(name, new DemoPlan.ModelRef(uri, m.path("sha256").asText()));
      }
      return models;
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  private static void writeCache(Path cache, Map<String, DemoPlan.ModelRef> models) {
    ObjectNode node = JSON.createObjectNode();
    models.forEach((k, v) -> node.putObject(k).put("uri", v.uri()).put("sha256", v.sha256()));
    try {
      Files.createDirectories(cache.getParent());
      JSON.writerWithDefaultPrettyPrinter().writeValue(cache.toFile(), node);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + cache, e);
    }
  }

  private static void writeReport(Path dir, String jobId, String html) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(jobId + ".html"), html);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report of " + jobId, e);
    }
  }

  private static void writeIndex(Path dir, List<DemoOutcome> outcomes) {
    StringBuilder html =
        new StringBuilder(
            "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Lethe demo</title></head>"
                + "<body style='font-family:sans-serif'><h1>Lethe demo</h1><pre>");
    html.append(ComparisonTable.render(outcomes).replace("&", "&amp;").replace("<", "&lt;"))
        .append("</pre><ul>");
    for (DemoOutcome o : outcomes) {
      html.append("<li><a href='")
          .append(o.jobId())
          .append(".html'>")
          .append(o.method())
          .append("</a></li>");
    }
    html.append("</ul></body></html>");
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("index.html"), html.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report index", e);
    }
  }

  private static String since(long startNanos) {
    long s = Duration.ofNanos(System.nanoTime() - startNanos).toSeconds();
    return String.format("%d min %02d s", s / 60, s % 60);
  }
}
