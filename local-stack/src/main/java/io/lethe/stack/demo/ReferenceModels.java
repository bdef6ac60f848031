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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The target model (fine-tuned on every author) and the retain model (forget authors held out) of
 * one dataset: reused from an earlier run when their checkpoints are still there (a job verifies
 * the file by hash when it loads it), otherwise built with two FINETUNE jobs through the API.
 */
public final class ReferenceModels {

  /** Names of the two models, also their keys in the cache file. */
  public static final String TARGET = "target";

  public static final String RETAIN = "retain";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final OrchestratorClient api;
  private final JobWaiter waiter;
  private final PrintStream out;

  public ReferenceModels(OrchestratorClient api, JobWaiter waiter, PrintStream out) {
    this.api = api;
    this.waiter = waiter;
    this.out = out;
  }

  /**
   * The two models of {@code dataset} (a job's {@code dataset} object without {@code trainOn}),
   * cached in {@code cache}.
   */
  public Map<String, DemoPlan.ModelRef> obtain(Path cache, ObjectNode dataset) {
    Map<String, DemoPlan.ModelRef> models = readCache(cache);
    if (models != null) {
      out.println("Reusing the target and retain models of an earlier run (" + cache + ")");
      return models;
    }
    out.println(
        "Building the target model (all authors) and the retain model (forget authors held out)");
    Map<String, String> jobs = new LinkedHashMap<>();
    jobs.put(api.submit(DemoPlan.finetune(dataset, "full")), TARGET);
    jobs.put(api.submit(DemoPlan.finetune(dataset, "retain")), RETAIN);
    waiter.awaitAll(jobs);
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

  private static Map<String, DemoPlan.ModelRef> readCache(Path cache) {
    if (!Files.exists(cache)) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(cache.toFile());
      Map<String, DemoPlan.ModelRef> models = new LinkedHashMap<>();
      for (String name : List.of(TARGET, RETAIN)) {
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
}
