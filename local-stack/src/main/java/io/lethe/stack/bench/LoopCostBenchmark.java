package io.lethe.stack.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lethe.stack.LetheService;
import io.lethe.stack.LocalStack;
import io.lethe.stack.RepositoryRoot;
import io.lethe.stack.StackConfig;
import io.lethe.stack.demo.DemoPlan;
import io.lethe.stack.demo.OrchestratorClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cost of the control loop, measured through the real services on the embedded stack: for each
 * model preset, forget split and number of concurrent jobs, the wall time of controlled unlearning
 * jobs against the work the services measured doing it (what one process without Kafka would
 * spend), decision latency, and steps trained past a floor crossing.
 *
 * <pre>
 * java -cp local-stack/target/local-stack-launcher.jar io.lethe.stack.bench.LoopCostBenchmark \
 *     [presets=tiny,micro] [splits=forget10,forget05,forget01] [concurrency=1,2,4] [method=ME+GD]
 * </pre>
 *
 * The first preset runs every split at concurrency 1 and forget10 at every concurrency; the other
 * presets run forget10 alone. Per preset, one target and one retain model (forget10 held out) are
 * fine-tuned first; jobs of the smaller forget splits measure cost (their forget quality against
 * that retain model is not meaningful, and is not reported).
 */
public final class LoopCostBenchmark {

  private static final Set<String> ENDED = Set.of("HALTED", "COMPLETED", "FAILED", "CANCELLED");

  private final LocalStack stack;
  private final OrchestratorClient api;

  private LoopCostBenchmark(LocalStack stack) {
    this.stack = stack;
    this.api =
        new OrchestratorClient(
            stack.endpoints().serviceUrl(LetheService.ORCHESTRATOR), stack.endpoints().apiToken());
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options =
        BenchOptions.parse(
            args,
            Map.of(
                "presets", "tiny,micro",
                "splits", "forget10,forget05,forget01",
                "concurrency", "1,2,4",
                "method", "ME+GD"));
    Path repo = RepositoryRoot.locate().orElseThrow();
    Path data = Files.createTempDirectory("lethe-loop-bench");
    StackConfig.Builder config =
        StackConfig.builder(repo)
            .dataDirectory(data)
            .onFreePorts()
            .readyTimeout(Duration.ofSeconds(180));
    List<String> presets = Arrays.asList(options.get("presets").split(","));
    List<String> splits = Arrays.asList(options.get("splits").split(","));
    List<Integer> concurrency =
        Arrays.stream(options.get("concurrency").split(",")).map(Integer::parseInt).toList();
    try (LocalStack stack = LocalStack.start(config.build())) {
      LoopCostBenchmark bench = new LoopCostBenchmark(stack);
      List<LoopCost> results = new ArrayList<>();
      int seeds = 0;
      for (String preset : presets) {
        long t0 = System.nanoTime();
        JsonNode[] models = bench.referenceModels(preset);
        System.out.printf(
            "%s: reference models in %.1f s%n", preset, (System.nanoTime() - t0) / 1e9);
        // one unmeasured job first: JIT, the trainer's dataset cache and the generator's model
        // loads would otherwise be charged to the first configuration
        bench.run(preset, "forget10", 1, options.get("method"), models, 0);
        boolean first = preset.equals(presets.get(0));
        for (String split : first ? splits : List.of("forget10")) {
          for (int n : first && split.equals("forget10") ? concurrency : List.of(1)) {
            LoopCost cost = bench.run(preset, split, n, options.get("method"), models, ++seeds);
            results.add(cost);
            System.out.println(cost.row());
          }
        }
      }
      System.out.println();
      System.out.println(LoadAverage.read());
      System.out.println(LoopCost.header());
      results.forEach(r -> System.out.println(r.row()));
    }
  }

  private JsonNode[] referenceModels(String preset) {
    String target = api.submit(DemoPlan.finetune(DemoPlan.builtin(), "full", preset));
    String retain = api.submit(DemoPlan.finetune(DemoPlan.builtin(), "retain", preset));
    JsonNode t = awaitEnd(target);
    JsonNode r = awaitEnd(retain);
    for (JsonNode job : List.of(t, r)) {
      if (!"COMPLETED".equals(job.path("status").asText())) {
        throw new IllegalStateException("fine-tuning failed: " + job);
      }
    }
    return new JsonNode[] {t.path("result"), r.path("result")};
  }

  /**
   * Runs {@code n} jobs at once. Each gets its own seed (data order), so their checkpoints differ:
   * identical jobs would produce identical weights, and the generator serves a checkpoint it has
   * evaluated before from its cache — concurrency would look free.
   */
  private LoopCost run(
      String preset, String split, int n, String method, JsonNode[] models, int runIndex) {
    PrometheusText genBefore = scrape(LetheService.GENERATOR);
    PrometheusText evalBefore = scrape(LetheService.EVALUATOR);
    long t0 = System.nanoTime();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ObjectNode job =
          DemoPlan.unlearn(method, split, "HALT", modelRef(models[0]), modelRef(models[1]));
      job.put("seed", 1001L + 100L * runIndex + i);
      ids.add(api.submit(job));
    }
    ids.forEach(this::awaitEnd);
    double wall = (System.nanoTime() - t0) / 1e9;
    PrometheusText genAfter = scrape(LetheService.GENERATOR);
    PrometheusText evalAfter = scrape(LetheService.EVALUATOR);

    long steps = 0;
    double trainer = 0;
    long evaluations = 0;
    long pastCrossing = 0;
    List<Double> latencies = new ArrayList<>();
    for (String id : ids) {
      int previous = 0;
      for (JsonNode c : api.checkpoints(id)) {
        trainer += c.path("seconds").asDouble();
        if (!c.path("mixAlpha").isNumber()) {
          steps += Math.max(0, c.path("step").asInt() - previous);
          previous = c.path("step").asInt();
        }
      }
      evaluations += api.evaluations(id).size();
      pastCrossing += api.report(id).path("stepsTrainedPastCrossing").asLong();
      latencies.addAll(decisionLatencies(id));
    }
    return new LoopCost(
        preset + " " + split,
        n,
        steps,
        evaluations,
        wall,
        trainer,
        genAfter.sum("lethe_generation_seconds_sum")
            - genBefore.sum("lethe_generation_seconds_sum"),
        evalAfter.sum("lethe_evaluation_compute_seconds_sum")
            - evalBefore.sum("lethe_evaluation_compute_seconds_sum"),
        latencies.stream().mapToDouble(Double::doubleValue).average().orElse(0),
        latencies.stream().mapToDouble(Double::doubleValue).max().orElse(0),
        pastCrossing);
  }

  /**
   * Seconds from each training checkpoint's event to the controller's decision on its evaluation
   * (what {@code lethe_controller_decision_latency_seconds} times), from the job's audit trail.
   */
  private List<Double> decisionLatencies(String id) {
    Map<Integer, Instant> checkpointAt = new LinkedHashMap<>();
    for (JsonNode c : api.checkpoints(id)) {
      if (!c.path("mixAlpha").isNumber()) {
        checkpointAt.putIfAbsent(c.path("step").asInt(), Instant.parse(c.path("at").asText()));
      }
    }
    List<Double> latencies = new ArrayList<>();
    for (JsonNode d : api.decisions(id)) {
      Instant at = checkpointAt.get(d.path("step").asInt());
      if (at != null && !d.path("mixAlpha").isNumber()) {
        latencies.add(Duration.between(at, Instant.parse(d.path("at").asText())).toNanos() / 1e9);
      }
    }
    return latencies;
  }

  private static DemoPlan.ModelRef modelRef(JsonNode result) {
    return new DemoPlan.ModelRef(result.path("uri").asText(), result.path("sha256").asText());
  }

  private PrometheusText scrape(LetheService service) {
    return PrometheusText.scrape(stack.endpoints().metricsUrl(service));
  }

  private JsonNode awaitEnd(String id) {
    long deadline = System.nanoTime() + Duration.ofMinutes(60).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode job = api.job(id);
      if (ENDED.contains(job.path("status").asText())) {
        return job;
      }
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    throw new IllegalStateException("job " + id + " did not end within an hour");
  }

  /** {@code /proc/loadavg}, to print with the numbers. */
  static final class LoadAverage {
    static String read() {
      try {
        return "load average (1/5/15 min): " + Files.readString(Path.of("/proc/loadavg")).trim();
      } catch (java.io.IOException e) {
        return "load average: unavailable";
      }
    }
  }
}
