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
 * {@link ResultsPlan} and/or its continual sequences, a few at a time, and adds each job's report
 * to the store.
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

  /**
   * A job to run and what it is.
   *
   * @param task the continual task, or null
   * @param after slug of the job whose result this one continues (its id is filled in when that job
   *     has been submitted), or null
   */
  private record Pending(
      String slug,
      String name,
      String method,
      ResultsPlan.Control control,
      Integer task,
      String after,
      ObjectNode body) {}

  /**
   * Runs the parts the options name and adds their reports to {@code store}.
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
    if (options.runs(ResultsOptions.Part.CONTINUAL)) {
      description +=
          String.format(
              "; continual: %s tasks 1..%d (disjoint blocks of rows, each evaluated against the"
                  + " forget10 retain model)",
              ResultsPlan.CONTINUAL_SPLIT, options.tasks());
    }
    ResultsPlan plan = new ResultsPlan(dataset, options.methods());
    store.requireSameData(slugs(plan), RunInfo.dataKeyOf(description));
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

    Map<String, Pending> submitted = runAll(queue(plan, target, retain));

    List<ResultsStore.Entry> entries = new ArrayList<>();
    for (Map.Entry<String, Pending> job : submitted.entrySet()) {
      Pending p = job.getValue();
      entries.add(
          new ResultsStore.Entry(
              p.slug(), p.name(), p.method(), p.control(), p.task(), api.report(job.getKey())));
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
    store.save(entries, vocabularySize(target), info, dataDirectory);
    out.printf("All %d jobs ended after %s%n", submitted.size(), since(startNanos));
  }

  /** The slugs of the runs the options ask for (their stored reports will be replaced). */
  private List<String> slugs(ResultsPlan plan) {
    List<String> slugs = new ArrayList<>();
    if (options.runs(ResultsOptions.Part.MAIN)) {
      slugs.add(ResultsPlan.RETAIN_SELF);
      plan.runs().forEach(r -> slugs.add(r.slug()));
    }
    if (options.runs(ResultsOptions.Part.CONTINUAL)) {
      ResultsPlan.continualTasks(options.methods(), options.tasks())
          .forEach(t -> slugs.add(t.slug()));
    }
    return slugs;
  }

  /**
   * The jobs of the parts to run: the retain model's self-evaluation and the single runs, then the
   * continual tasks (task by task, so the methods' sequences advance side by side).
   */
  private Deque<Pending> queue(
      ResultsPlan plan, DemoPlan.ModelRef target, DemoPlan.ModelRef retain) {
    Deque<Pending> queue = new ArrayDeque<>();
    if (options.runs(ResultsOptions.Part.MAIN)) {
      queue.add(
          new Pending(
              ResultsPlan.RETAIN_SELF,
              "retain model vs itself",
              "GA+GD",
              null,
              null,
              null,
              plan.retainSelfEvaluation(retain)));
      for (ResultsPlan.Run run : plan.runs()) {
        queue.add(
            new Pending(
                run.slug(),
                run.label(),
                run.method(),
                run.control(),
                null,
                null,
                plan.unlearn(run, target, retain)));
      }
    }
    if (options.runs(ResultsOptions.Part.CONTINUAL)) {
      for (ResultsPlan.ContinualTask t :
          ResultsPlan.continualTasks(options.methods(), options.tasks())) {
        String after =
            t.task() == 1 ? null : new ResultsPlan.ContinualTask(t.method(), t.task() - 1).slug();
        queue.add(
            new Pending(
                t.slug(),
                t.label(),
                t.method(),
                null,
                t.task(),
                after,
                plan.continualTask(t, null, target, retain)));
      }
    }
    return queue;
  }

  /** Submits the queue keeping at most {@code parallel} jobs running; returns id → job. */
  private Map<String, Pending> runAll(Deque<Pending> queue) {
    Map<String, Pending> submitted = new LinkedHashMap<>();
    Map<String, Pending> running = new LinkedHashMap<>();
    long deadline = System.nanoTime() + jobTimeout.toNanos();
    while (!queue.isEmpty() || !running.isEmpty()) {
      while (running.size() < options.parallel() && !queue.isEmpty()) {
        Pending p = queue.poll();
        if (p.after() != null) {
          // a continual task continues the job of the task before it, which is submitted by now
          String previous = idOf(submitted, p.after());
          if (previous == null) {
            out.printf("Skipped %-26s (the task before it was not run)%n", p.name());
            continue;
          }
          ((ObjectNode) p.body().get("continual")).put("after", previous);
        }
        String id;
        try {
          id = api.submit(p.body());
        } catch (DemoException e) {
          if (p.task() == null) {
            throw e;
          }
          // e.g. the task before ended without a result: the rest of this sequence cannot run,
          // the other sequences and runs can
          out.printf("Skipped %-26s (%s)%n", p.name(), e.getMessage());
          continue;
        }
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

  private static String idOf(Map<String, Pending> submitted, String slug) {
    return submitted.entrySet().stream()
        .filter(e -> e.getValue().slug().equals(slug))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse(null);
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
