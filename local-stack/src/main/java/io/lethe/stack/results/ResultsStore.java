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
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The raw material of RESULTS.md, next to it: every job's report exactly as the API returned it
 * ({@code reports/<run>.json}, with paths inside the run's data directory made relative) and a
 * manifest ({@code runs.json}) saying which run each report is and which command produced it — so
 * the document can be re-rendered, and checked, without the stack.
 *
 * <p>Saving <em>adds</em>: a run replaces the stored reports of the runs it repeats and keeps the
 * others, so one part of the plan (e.g. {@code --only continual}) completes a document without
 * rerunning the rest. The manifest keeps every command that still has a report, so the document can
 * say which parts came from which command and commit.
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

  /**
   * One collected report and which run it is.
   *
   * @param control uncontrolled, halt or mix; null for the retain model's self-evaluation and for
   *     continual tasks
   * @param task the continual task, or null for a single run
   */
  public record Entry(
      String slug,
      String name,
      String method,
      ResultsPlan.Control control,
      Integer task,
      JsonNode report) {

    /** A single run (not a continual task). */
    public Entry(
        String slug, String name, String method, ResultsPlan.Control control, JsonNode report) {
      this(slug, name, method, control, null, report);
    }
  }

  /** A manifest entry: which run a stored report is, and the index of its source. */
  private record Stored(ObjectNode meta, int source) {}

  /** Stores the single runs and the retain model's self-evaluation of one command. */
  public void save(List<Entry> runs, Entry retainSelf, int vocabularySize, RunInfo info) {
    List<Entry> all = new ArrayList<>(runs);
    if (retainSelf != null) {
      all.add(retainSelf);
    }
    save(all, vocabularySize, info, null);
  }

  /**
   * Adds the reports of one command to the store: a report of a run already stored replaces it,
   * every other stored report stays.
   *
   * @param entries the runs the command produced (single runs, the retain model's self-evaluation
   *     under {@link ResultsPlan#RETAIN_SELF}, continual tasks)
   * @param vocabularySize the model's vocabulary size (0 keeps the stored one)
   * @param dataDirectory the command's data directory, whose paths are made relative (null: none)
   * @throws IllegalStateException if the stored reports are of other data
   */
  public void save(List<Entry> entries, int vocabularySize, RunInfo info, Path dataDirectory) {
    try {
      Path reports = dir.resolve(REPORTS);
      Files.createDirectories(reports);
      JsonNode old =
          Files.exists(dir.resolve(MANIFEST))
              ? JSON.readTree(dir.resolve(MANIFEST).toFile())
              : JSON.createObjectNode();
      List<RunInfo> sources = new ArrayList<>(sources(old));
      Map<String, Stored> stored = new LinkedHashMap<>();
      for (JsonNode e : entries(old)) {
        stored.put(e.path("slug").asText(), new Stored((ObjectNode) e, e.path("source").asInt(0)));
      }
      requireSameData(entries.stream().map(Entry::slug).toList(), info.dataKey());
      int source = sources.size();
      sources.add(info);
      for (Entry e : entries) {
        stored.put(e.slug(), new Stored(meta(e), source));
        write(
            reports.resolve(e.slug() + ".json"),
            PortableReports.relativize(e.report(), dataDirectory));
      }
      deleteUnlisted(reports, stored);
      int vocabulary = vocabularySize > 0 ? vocabularySize : old.path("vocabularySize").asInt();
      write(dir.resolve(MANIFEST), manifest(stored, sources, vocabulary));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store the reports in " + dir, e);
    }
  }

  /** Reads what {@link #save} wrote (and manifests of one command, written before sources). */
  public ResultsData load() {
    try {
      JsonNode manifest = JSON.readTree(dir.resolve(MANIFEST).toFile());
      List<RunInfo> infos = sources(manifest);
      List<List<String>> produced = new ArrayList<>();
      infos.forEach(i -> produced.add(new ArrayList<>()));
      List<RunRecord> runs = new ArrayList<>();
      RunRecord retainSelf = null;
      List<ContinualRun> continual = new ArrayList<>();
      for (JsonNode e : entries(manifest)) {
        RunRecord r = read(e);
        produced.get(e.path("source").asInt(0)).add(r.name());
        if (e.has("task")) {
          continual.add(new ContinualRun(r.method(), e.path("task").asInt(), r));
        } else if (e.path("slug").asText().equals(ResultsPlan.RETAIN_SELF)) {
          retainSelf = r;
        } else {
          runs.add(r);
        }
      }
      List<ResultsData.Source> sources = new ArrayList<>();
      for (int k = 0; k < infos.size(); k++) {
        sources.add(new ResultsData.Source(infos.get(k), produced.get(k)));
      }
      return new ResultsData(
          runs, retainSelf, continual, manifest.path("vocabularySize").asInt(), sources);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the stored reports in " + dir, e);
    }
  }

  /**
   * Refuses to add reports of data {@code dataKey} ({@link RunInfo#dataKey()}) when reports of
   * other data are stored that the runs {@code replaced} (slugs) would not replace: two datasets
   * must not meet in one document. Checked before any job runs, and again when saving.
   *
   * @throws IllegalStateException naming the stored data
   */
  public void requireSameData(Collection<String> replaced, String dataKey) {
    Path file = dir.resolve(MANIFEST);
    if (!Files.exists(file)) {
      return;
    }
    try {
      JsonNode manifest = JSON.readTree(file.toFile());
      List<RunInfo> sources = sources(manifest);
      for (JsonNode e : entries(manifest)) {
        RunInfo other = sources.get(e.path("source").asInt(0));
        if (!replaced.contains(e.path("slug").asText()) && !other.dataKey().equals(dataKey)) {
          throw new IllegalStateException(
              "the reports stored in "
                  + dir
                  + " are of other data ("
                  + other.dataKey()
                  + "); write this run elsewhere with --out DIR, or remove "
                  + file
                  + " to start a new document");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the stored reports in " + dir, e);
    }
  }

  /** Removes the reports the manifest no longer lists. */
  private static void deleteUnlisted(Path reports, Map<String, Stored> stored) throws IOException {
    try (var files = Files.list(reports)) {
      for (Path p : files.toList()) {
        String name = p.getFileName().toString();
        if (name.endsWith(".json")
            && !stored.containsKey(name.substring(0, name.length() - ".json".length()))) {
          Files.delete(p);
        }
      }
    }
  }

  /** The manifest: sources still referenced (renumbered), entries in the plan's order. */
  private static ObjectNode manifest(
      Map<String, Stored> stored, List<RunInfo> sources, int vocabularySize) {
    TreeSet<Integer> used = new TreeSet<>();
    stored.values().forEach(s -> used.add(s.source()));
    Map<Integer, Integer> renumbered = new LinkedHashMap<>();
    ObjectNode manifest = JSON.createObjectNode();
    ArrayNode list = manifest.putArray("sources");
    for (int k : used) {
      renumbered.put(k, renumbered.size());
      list.add(info(sources.get(k)));
    }
    manifest.put("vocabularySize", vocabularySize);
    ArrayNode runs = manifest.putArray("runs");
    ArrayNode continual = manifest.putArray("continual");
    stored.values().stream()
        .sorted(Comparator.comparing(ResultsStore::order))
        .forEach(
            s -> {
              ObjectNode e = s.meta().deepCopy().put("source", renumbered.get(s.source()));
              if (e.has("task")) {
                continual.add(e);
              } else if (e.path("slug").asText().equals(ResultsPlan.RETAIN_SELF)) {
                manifest.set("retainSelf", e);
              } else {
                runs.add(e);
              }
            });
    return manifest;
  }

  /**
   * The plan's order, whatever order the runs were stored in: uncontrolled runs by method, then
   * each method's controlled runs; continual tasks by method, then task.
   */
  private static String order(Stored s) {
    JsonNode e = s.meta();
    String method = e.path("method").asText();
    if (e.has("task")) {
      return String.format(
          Locale.ROOT,
          "2-%02d-%03d",
          ResultsPlan.CONTINUAL_METHODS.indexOf(method),
          e.path("task").asInt());
    }
    String control = e.path("control").asText("");
    int m = ResultsPlan.METHODS.indexOf(method);
    return control.equals(ResultsPlan.Control.UNCONTROLLED.name())
        ? String.format(Locale.ROOT, "0-%02d", m)
        : String.format(Locale.ROOT, "1-%02d-%s", m, control);
  }

  private static List<JsonNode> entries(JsonNode manifest) {
    List<JsonNode> all = new ArrayList<>();
    manifest.path("runs").forEach(all::add);
    if (manifest.has("retainSelf")) {
      all.add(manifest.get("retainSelf"));
    }
    manifest.path("continual").forEach(all::add);
    return all;
  }

  /** The manifest's sources; one written before sources existed has a single {@code info}. */
  private static List<RunInfo> sources(JsonNode manifest) {
    List<RunInfo> infos = new ArrayList<>();
    if (manifest.has("sources")) {
      manifest.get("sources").forEach(i -> infos.add(info(i)));
    } else if (manifest.has("info")) {
      infos.add(info(manifest.get("info")));
    }
    return infos;
  }

  private static RunInfo info(JsonNode i) {
    double[] load = new double[3];
    for (int k = 0; k < 3; k++) {
      load[k] = i.path("load").path(k).asDouble(Double.NaN);
    }
    return new RunInfo(
        i.path("command").asText(),
        i.path("commit").asText(),
        i.path("startedAt").asText(),
        i.path("wallSeconds").asLong(),
        load,
        i.path("cores").asInt(),
        i.path("dataset").asText(),
        i.path("javaVersion").asText(),
        i.path("cpu").asText(RunInfo.CPU_NOT_RECORDED));
  }

  private static ObjectNode info(RunInfo info) {
    ObjectNode i = JSON.createObjectNode();
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
    return i;
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

  private static ObjectNode meta(Entry e) {
    ObjectNode n = JSON.createObjectNode();
    n.put("slug", e.slug());
    n.put("name", e.name());
    n.put("method", e.method());
    if (e.control() != null) {
      n.put("control", e.control().name());
    }
    if (e.task() != null) {
      n.put("task", e.task());
    }
    return n;
  }

  private static void write(Path file, JsonNode node) throws IOException {
    Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n");
  }
}
