package io.lethe.inprocess;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lethe.stack.bench.BenchOptions;
import io.lethe.stack.demo.DemoPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * LoopCostBenchmark's job run in one process without Kafka: the demo's controlled job ({@link
 * DemoPlan#unlearn}: ME+GD, lr 1e-3, 5 epochs, batch 4, a full evaluation every 5 steps, MU ≥ 0.9 ×
 * step 0, HALT) through the services' own classes ({@link InProcessLoop}), serially and pipelined,
 * so that what Kafka, PostgreSQL and separate processes cost and what pipelining buys can be told
 * apart.
 *
 * <pre>
 * java -cp 'benchmarks/in-process-loop/target/in-process-loop.jar:benchmarks/in-process-loop/target/lib/*' \
 *     io.lethe.inprocess.InProcessLoopBenchmark [presets=tiny] [modes=serial,pipelined] \
 *     [method=ME+GD] [split=forget10] [data=DIR]
 * </pre>
 *
 * As in LoopCostBenchmark, each measured job follows one unmeasured warm-up job in the same process
 * (JIT, the trainer's dataset, the generator's models and the shards of the step-0 and retain
 * models it has evaluated before), and the two jobs have LoopCostBenchmark's seeds. Each mode runs
 * on fresh services, so the second mode does not find the first one's checkpoints in the
 * generator's cache. The reference models are fine-tuned once per data directory ({@code data=}; a
 * fresh temporary one by default).
 */
public final class InProcessLoopBenchmark {

  /** LoopCostBenchmark's seed of its warm-up job (run index 0). */
  static final long WARM_UP_SEED = 1001L;

  /** LoopCostBenchmark's seed of its first measured job (run index 1, the 1-job forget10 run). */
  static final long MEASURED_SEED = 1101L;

  private InProcessLoopBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options =
        BenchOptions.parse(
            args,
            Map.of(
                "presets", "tiny",
                "modes", "serial,pipelined",
                "method", "ME+GD",
                "split", "forget10",
                "data", ""));
    Path data =
        options.get("data").isEmpty()
            ? Files.createTempDirectory("lethe-in-process-loop")
            : Files.createDirectories(Path.of(options.get("data")).toAbsolutePath());
    Path checkpoints = Files.createDirectories(data.resolve("checkpoints"));
    List<LoopMode> modes =
        Arrays.stream(options.get("modes").split(","))
            .map(m -> LoopMode.valueOf(m.trim().toUpperCase(Locale.ROOT)))
            .toList();
    String method = options.get("method");
    String split = options.get("split");
    System.out.printf(
        "data %s, %d cpus, %s, load average (1/5/15 min) %s%n",
        data, Runtime.getRuntime().availableProcessors(), engine(), LoadAverage.all());

    List<LoopRow> rows = new ArrayList<>();
    for (String preset : options.get("presets").split(",")) {
      TargetAndRetain models;
      try (InProcessLoop loop = new InProcessLoop(checkpoints, data.resolve("answers-finetune"))) {
        models = TargetAndRetain.of(preset, data, loop);
      }
      for (LoopMode mode : modes) {
        // fresh services per mode, warmed up by one job as LoopCostBenchmark warms up its stack
        Path answers = Files.createTempDirectory(data, "answers-" + mode);
        try (InProcessLoop loop = new InProcessLoop(checkpoints, answers)) {
          loop.run(job(method, split, models, WARM_UP_SEED), mode);
          double before = LoadAverage.oneMinute();
          LoopRun run = loop.run(job(method, split, models, MEASURED_SEED), mode);
          LoopRow row = new LoopRow(preset + " " + split, run, before, LoadAverage.oneMinute());
          rows.add(row);
          System.out.println(row.row());
        }
      }
    }
    System.out.println();
    System.out.println("load average (1/5/15 min): " + LoadAverage.all());
    System.out.println(LoopRow.header());
    rows.forEach(r -> System.out.println(r.row()));
  }

  private static ObjectNode job(String method, String split, TargetAndRetain models, long seed) {
    ObjectNode job = DemoPlan.unlearn(method, split, "HALT", models.target(), models.retain());
    job.put("seed", seed);
    return job;
  }

  /** The engine and its intra-op threads (the services run with PyTorch's default too). */
  private static String engine() {
    Engine engine = Engine.getInstance();
    String threads =
        "PyTorch".equals(engine.getEngineName())
            ? JniUtils.getNumThreads() + " intra-op threads"
            : "";
    return engine.getEngineName() + " " + engine.getVersion() + " " + threads;
  }
}
