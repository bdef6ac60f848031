package io.lethe.stack.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The raw material of RESULTS.md, next to it: every job's report exactly as the API returned it
 * ({@code reports/<run>.json}) and a manifest ({@code runs.json}) saying which run each report is
 * and how the command ran — so the document can be re-rendered, and checked, without the stack.
 */
public final class ResultsStore {

  private static final ObjectMapper JSON = new ObjectMapper();
  static final String MANIFEST = "runs.json";
  static final String REPORTS = "reports";

  private final Path dir;

  /** A store in {@code dir} (the figures' directory, e.g. {@code docs/results}). */
  public ResultsStore(Path dir) {
    this.dir = dir;
  }

  /** One collected report and which run it is. */
  public record Entry(
      String slug, String name, String method, ResultsPlan.Control control, JsonNode report) {}

  /** Writes the reports and the manifest, replacing what an earlier run stored. */
  public void save(List<Entry> runs, Entry retainSelf, int vocabularySize, RunInfo info) {
    try {
      Path reports = dir.resolve(REPORTS);
      Files.createDirectories(reports);
      try (var old = Files.list(reports)) {
        for (Path p : old.toList()) {
          if (p.getFileName().toString().endsWith(".json")) {
            Files.delete(p);
          }
        }
      }
      ObjectNode manifest = JSON.createObjectNode();
      ObjectNode i = manifest.putObject("info");
      i.put("command", info.command());
      i.put("commit", info.commit());
      i.put("startedAt", info.startedAt());
      i.put("wallSeconds", info.wallSeconds());
      ArrayNode load = i.putArray("load");
      for (double v : info.load()) {
        load.add(v);
      }
      i.put("cores", info.cores());
      i.put("dataset", info.dataset());
      i.put("javaVersion", info.javaVersion());
      i.put("cpu", info.cpu());
      manifest.put("vocabularySize", vocabularySize);
      ArrayNode list = manifest.putArray("runs");
      for (Entry e : runs) {
        list.add(entry(e));
        write(reports.resolve(e.slug() + ".json"), e.report());
      }
      if (retainSelf != null) {
        manifest.set("retainSelf", entry(retainSelf));
        write(reports.resolve(retainSelf.slug() + ".json"), retainSelf.report());
      }
      write(dir.resolve(MANIFEST), manifest);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store the reports in " + dir, e);
    }
  }

  /** Reads what {@link #save} wrote. */
  public ResultsData load() {
    try {
      JsonNode manifest = JSON.readTree(dir.resolve(MANIFEST).toFile());
      JsonNode i = manifest.path("info");
      double[] load = new double[3];
      for (int k = 0; k < 3; k++) {
        load[k] = i.path("load").path(k).asDouble(Double.NaN);
      }
      RunInfo info =
          new RunInfo(
              i.path("command").asText(),
              i.path("commit").asText(),
              i.path("startedAt").asText(),
              i.path("wallSeconds").asLong(),
              load,
              i.path("cores").asInt(),
              i.path("dataset").asText(),
              i.path("javaVersion").asText(),
              i.path("cpu").asText(RunInfo.CPU_NOT_RECORDED));
      List<RunRecord> runs = new ArrayList<>();
      for (JsonNode e : manifest.path("runs")) {
        runs.add(read(e));
      }
      RunRecord retainSelf = manifest.has("retainSelf") ? read(manifest.get("retainSelf")) : null;
      return new ResultsData(runs, retainSelf, manifest.path("vocabularySize").asInt(), info);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the stored reports in " + dir, e);
    }
  }

  private RunRecord read(JsonNode e) throws IOException {
    JsonNode report =
        JSON.readTree(dir.resolve(REPORTS).resolve(e.path("slug").asText() + ".json").toFile());
    String control = e.path("control").asText(null);
    return RunRecord.of(
        e.path("name").asText(),
        e.path("method").asText(),
        control == null ? null : ResultsPlan.Control.valueOf(control),
        report);
  }

  private static ObjectNode entry(Entry e) {
    ObjectNode n = JSON.createObjectNode();
    n.put("slug", e.slug());
    n.put("name", e.name());
    n.put("method", e.method());
    if (e.control() != null) {
      n.put("control", e.control().name());
    }
    return n;
  }

  private static void write(Path file, JsonNode node) throws IOException {
    Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n");
  }
}
