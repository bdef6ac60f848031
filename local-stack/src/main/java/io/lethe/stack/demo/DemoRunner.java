package io.lethe.stack.demo;

import com.fasterxml.jackson.databind.JsonNode;
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

/**
 * Runs the demo against a running stack through the job API, as a user would: builds (or reuses)
 * the target and retain models, runs the unlearning jobs of {@link DemoPlan} concurrently, prints
 * their progress, then prints a comparison and writes each job's HTML report next to an index page.
 */
public final class DemoRunner {

  private final OrchestratorClient api;
  private final JobWaiter waiter;
  private final Path dataDirectory;
  private final PrintStream out;

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
    this.waiter = new JobWaiter(api, out, pollInterval, jobTimeout);
    this.dataDirectory = dataDirectory;
    this.out = out;
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
   * The target and retain models of the built-in dataset, cached in {@code <data>/demo/} and reused
   * by later runs (also by {@code ./lethe results}).
   */
  Map<String, DemoPlan.ModelRef> referenceModels() {
    return new ReferenceModels(api, waiter, out).obtain(cache(dataDirectory), DemoPlan.builtin());
  }

  /** Where the reference models of the built-in dataset are cached. */
  public static Path cache(Path dataDirectory) {
    return dataDirectory.resolve("demo").resolve("reference-models.json");
  }

  private void awaitAll(Map<String, String> jobs) {
    waiter.awaitAll(jobs);
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
