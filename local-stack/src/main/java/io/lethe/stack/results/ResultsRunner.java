package io.lethe.stack.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lethe.stack.demo.DemoException;
import io.lethe.stack.demo.DemoPlan;
import io.lethe.stack.demo.DemoRunner;
import io.lethe.stack.demo.JobWaiter;
import io.lethe.stack.demo.OrchestratorClient;
import io.lethe.stack.demo.ReferenceModels;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the results plan against a running stack through the job API, as a user would: builds (or
 * reuses) the target and retain models, submits the retain model's self-evaluation and every run of
 * {@link ResultsPlan}, a few at a time, and stores each job's report.
 */
public final class ResultsRunner {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final OrchestratorClient api;
  private final JobWaiter waiter;
  private final Path dataDirectory;
  private final PrintStream out;
  private final Duration jobTimeout;
  private final ResultsOptions options;
  private final List<Double> loadSamples = new ArrayList<>();

  public ResultsRunner(
      URI orchestrator,
      String token,
      Path dataDirectory,
      PrintStream out,
      Duration pollInterval,
      Duration jobTimeout,
      ResultsOptions options) {
    this.api = new OrchestratorClient(orchestrator, token);
    this.waiter = new JobWaiter(api, out, pollInterval, jobTimeout);
    this.dataDirectory = dataDirectory;
    this.out = out;
    this.jobTimeout = jobTimeout;
    this.options = options;
  }

  /** A job to run and what it is. */
  private record Pending(
      String slug, String name, String method, ResultsPlan.Control control, ObjectNode body) {}

  /**
   * Runs everything and stores the reports in {@code store}.
   *
   * @param command the command line, for the record
   * @param commit the repository's commit, for the record
   * @param startNanos when the command started (the stack's start included in the wall time)
   */
  public void run(
      ResultsStore store, String command, String commit, long startNanos, Instant startedAt) {
    ObjectNode dataset;
    Path cache;
    String description;
    if (options.tofu()) {
      Path subset =
          dataDirectory.resolve("results").resolve("tofu-" + options.authors() + "-authors");
      TofuSubset.write(options.tofuDir(), options.authors(), subset);
      dataset = ResultsPlan.tofuDataset(subset.toString());
      cache = subset.resolve("reference-models.json");
      int forget = TofuSubset.forgetAuthors(options.authors());
      description =
          String.format(
              "TOFU subset of %d authors (%d retain, %d forget = forget10; 20 questions each) from %s",
              options.authors(), options.authors() - forget, forget, options.tofuDir());
    } else {
      dataset = ResultsPlan.builtinDataset();
      cache = DemoRunner.cache(dataDirectory);
      description =
          "built-in generator: 20 fictitious authors × 10 questions plus its general-knowledge"
              + " sets; forget10 = 2 authors, 20 questions";
    }
    boolean cached = java.nio.file.Files.exists(cache);
    Map<String, DemoPlan.ModelRef> models =
        new ReferenceModels(api, waiter, out).obtain(cache, dataset);
    description +=
        cached
            ? "; reference models reused from " + cache
            : "; reference models built in this run (" + since(startNanos) + ")";
    DemoPlan.ModelRef target = models.get(ReferenceModels.TARGET);
    DemoPlan.ModelRef retain = models.get(ReferenceModels.RETAIN);
    out.printf("Reference models ready after %s%n", since(startNanos));

    ResultsPlan plan = new ResultsPlan(dataset, options.methods());
    Deque<Pending> queue = new ArrayDeque<>();
    queue.add(
        new Pending(
            ResultsPlan.RETAIN_SELF,
            "retain model vs itself",
            "GA+GD",
            null,
            plan.retainSelfEvaluation(retain)));
    for (ResultsPlan.Run run : plan.runs()) {
      queue.add(
          new Pending(
              run.slug(),
              run.label(),
              run.method(),
              run.control(),
              plan.unlearn(run, target, retain)));
    }
    Map<String, Pending> submitted = runAll(queue);

    List<ResultsStore.Entry> runs = new ArrayList<>();
    ResultsStore.Entry self = null;
    for (Map.Entry<String, Pending> job : submitted.entrySet()) {
      Pending p = job.getValue();
      ResultsStore.Entry e =
          new ResultsStore.Entry(
              p.slug(), p.name(), p.method(), p.control(), api.report(job.getKey()));
      if (p.control() == null) {
        self = e;
      } else {
        runs.add(e);
      }
    }
    long wall = Duration.ofNanos(System.nanoTime() - startNanos).toSeconds();
    RunInfo info =
        new RunInfo(
            command,
            commit,
            startedAt.truncatedTo(ChronoUnit.SECONDS).toString(),
            wall,
            loadSummary(),
            Runtime.getRuntime().availableProcessors(),
            description,
            System.getProperty("java.version"),
            RunInfo.thisCpu());
    store.save(runs, self, vocabularySize(target), info);
    out.printf("All %d jobs ended after %s%n", submitted.size(), since(startNanos));
  }

  /** Submits the queue keeping at most {@code parallel} jobs running; returns id → job. */
  private Map<String, Pending> runAll(Deque<Pending> queue) {
    Map<String, Pending> submitted = new LinkedHashMap<>();
    Map<String, Pending> running = new LinkedHashMap<>();
    long deadline = System.nanoTime() + jobTimeout.toNanos();
    while (!queue.isEmpty() || !running.isEmpty()) {
      while (running.size() < options.parallel() && !queue.isEmpty()) {
        Pending p = queue.poll();
        String id = api.submit(p.body());
        out.printf("Submitted %-24s job %s%n", p.name(), id);
        submitted.put(id, p);
        running.put(id, p);
      }
      for (String id : new ArrayList<>(running.keySet())) {
        JsonNode state = waiter.poll(id, running.get(id).name());
        if (JobWaiter.ENDED.contains(state.path("status").asText())) {
          running.remove(id);
        }
      }
      double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      if (load >= 0) {
        loadSamples.add(load);
      }
      if (running.isEmpty() && queue.isEmpty()) {
        break;
      }
      if (System.nanoTime() > deadline) {
        throw new DemoException("jobs did not end within " + jobTimeout + ": " + running.values());
      }
      if (running.size() >= options.parallel() || queue.isEmpty()) {
        waiter.pause();
      }
    }
    return submitted;
  }

  private double[] loadSummary() {
    if (loadSamples.isEmpty()) {
      return new double[] {Double.NaN, Double.NaN, Double.NaN};
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double sum = 0;
    for (double v : loadSamples) {
      min = Math.min(min, v);
      max = Math.max(max, v);
      sum += v;
    }
    return new double[] {min, sum / loadSamples.size(), max};
  }

  /** The model's vocabulary size from its checkpoint's {@code config.json} (0 if unreadable). */
  static int vocabularySize(DemoPlan.ModelRef model) {
    try {
      Path config = Path.of(URI.create(model.uri())).resolve("config.json");
      return JSON.readTree(config.toFile()).path("vocab_size").asInt(0);
    } catch (IOException | IllegalArgumentException e) {
      return 0;
    }
  }

  private static String since(long startNanos) {
    long s = Duration.ofNanos(System.nanoTime() - startNanos).toSeconds();
    return String.format("%d min %02d s", s / 60, s % 60);
  }
}
