package io.lethe.generator.service;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.lethe.data.EvalSet;
import io.lethe.data.QaItem;
import io.lethe.generator.EvalSetNames;
import io.lethe.generator.GenerationTask;
import io.lethe.generator.ModelRole;
import io.lethe.generator.config.GeneratorConfig;
import io.lethe.generator.metrics.GeneratorMeters;
import io.lethe.schemas.domain.EnvironmentFingerprint;
import io.lethe.schemas.domain.EvaluationKind;
import io.lethe.schemas.domain.GenerationItem;
import io.lethe.schemas.events.GenerationEvent;
import io.lethe.schemas.json.MalformedEventException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Carries out one shard task: builds the shard's rows from the job's data, runs the model on them
 * (or reuses the result computed earlier for the same weights, data and rows) and wraps the items
 * as the shard's generation event.
 */
@ApplicationScoped
public class GenerationService {

  private static final Logger LOG = Logger.getLogger(GenerationService.class);

  private final CheckpointLoader loader;
  private final EvaluationDatasets datasets;
  private final ShardResultCache results;
  private final GeneratorMeters meters;
  private final int batchSize;
  private final String letheVersion;

  public GenerationService(
      CheckpointLoader loader,
      EvaluationDatasets datasets,
      ShardResultCache results,
      GeneratorMeters meters,
      GeneratorConfig config,
      @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown")
          String letheVersion) {
    this.loader = loader;
    this.datasets = datasets;
    this.results = results;
    this.meters = meters;
    this.batchSize = config.batchSize();
    this.letheVersion = letheVersion;
  }

  /**
   * The generation event of a shard task and whether its items came from the result cache.
   *
   * @param event the shard, ready to publish
   * @param cached true if the items were computed for an earlier task
   */
  public record Outcome(GenerationEvent event, boolean cached) {}

  /**
   * Runs {@code task}.
   *
   * @throws MalformedEventException if the task cannot be carried out (impossible shard, unknown
   *     set or model role, rows outside the set); a {@link CheckpointRejectedException} if its
   *     model's weights do not match or cannot be loaded
   */
  public Outcome run(GenerationTask task) {
    EvalSet set = validate(task);
    List<QaItem> rows = datasets.load(task.dataset()).evalSet(set);
    if (task.firstItem() + task.itemCount() > rows.size()) {
      throw new MalformedEventException(
          "task "
              + task.partitionKey()
              + " asks for items ["
              + task.firstItem()
              + ", "
              + (task.firstItem() + task.itemCount())
              + ") of "
              + task.evalSet()
              + ", which has "
              + rows.size());
    }
    ShardResultCache.Key key =
        new ShardResultCache.Key(
            task.modelSha256(),
            EvaluationDatasets.keyOf(task.dataset()),
            task.kind(),
            task.evalSet(),
            task.firstItem(),
            task.itemCount());
    Optional<List<GenerationItem>> known = results.get(key);
    List<GenerationItem> items = known.orElseGet(() -> compute(task, set, rows, key));
    GenerationEvent event =
        new GenerationEvent(
            task.generationEventId(),
            GenerationEvent.SCHEMA_VERSION,
            task.jobId(),
            Instant.now(),
            task.step(),
            task.checkpointSha256(),
            task.model(),
            task.kind(),
            task.evalSet(),
            task.shard(),
            task.shardCount(),
            task.totalShards(),
            items,
            environment(task.modelSha256()));
    return new Outcome(event, known.isPresent());
  }

  private List<GenerationItem> compute(
      GenerationTask task, EvalSet set, List<QaItem> rows, ShardResultCache.Key key) {
    List<EvalItem> shardRows = new ArrayList<>(task.itemCount());
    for (int i = task.firstItem(); i < task.firstItem() + task.itemCount(); i++) {
      shardRows.add(new EvalItem(i, rows.get(i)));
    }
    long started = System.nanoTime();
    ShardResult result;
    try (CheckpointLoader.Lease lease = loader.acquire(task.modelUri(), task.modelSha256())) {
      result = new ShardGenerator(lease.model(), batchSize).generate(set, shardRows, task.kind());
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    meters.shardComputed(task.kind(), task.evalSet(), took);
    meters.tokens(result.generatedTokens(), result.scoredTokens());
    LOG.infof(
        "job %s step %d: %s/%s shard %d of %d (%d items, %s) in %.2f s; scored %d answers in"
            + " %.2f s (%.1f items/s); generated %d tokens in %.2f s (%.0f tokens/s)",
        task.jobId(),
        task.step(),
        task.model(),
        task.evalSet(),
        task.shard() + 1,
        task.shardCount(),
        task.itemCount(),
        task.kind(),
        took.toNanos() / 1e9,
        result.scoredSequences(),
        result.scoringNanos() / 1e9,
        perSecond(task.itemCount(), result.scoringNanos()),
        result.generatedTokens(),
        result.generationNanos() / 1e9,
        perSecond(result.generatedTokens(), result.generationNanos()));
    results.put(key, result.items());
    return result.items();
  }

  /** The engine, precision and device the shard ran on, and the weights it ran. */
  private EnvironmentFingerprint environment(String modelSha256) {
    Engine engine = Engine.getInstance();
    Device device = loader.device();
    String deviceName = device.isGpu() ? "gpu(" + device.getDeviceId() + ")" : "cpu";
    return new EnvironmentFingerprint(
        engine.getEngineName(), engine.getVersion(), "fp32", deviceName, modelSha256, letheVersion);
  }

  /** The task's set; rejects tasks that no evaluation can contain. */
  static EvalSet validate(GenerationTask task) {
    if (ModelRole.fromWire(task.model()).isEmpty()) {
      throw new MalformedEventException(
          "GenerationTask: model must be candidate or retain, got " + task.model());
    }
    EvalSet set =
        EvalSetNames.fromWire(task.evalSet())
            .orElseThrow(
                () ->
                    new MalformedEventException(
                        "GenerationTask: unknown eval set " + task.evalSet()));
    if (task.kind() != EvaluationKind.PROBE && task.kind() != EvaluationKind.FULL) {
      throw new MalformedEventException("GenerationTask: kind " + task.kind() + " is not run");
    }
    if (task.shardCount() < 1
        || task.shard() < 0
        || task.shard() >= task.shardCount()
        || task.totalShards() < task.shardCount()) {
      throw new MalformedEventException(
          "GenerationTask: shard "
              + task.shard()
              + " of "
              + task.shardCount()
              + " (total "
              + task.totalShards()
              + ") is impossible");
    }
    if (task.firstItem() < 0 || task.itemCount() < 1) {
      throw new MalformedEventException(
          "GenerationTask: item range ["
              + task.firstItem()
              + ", +"
              + task.itemCount()
              + ") is empty or negative");
    }
    if (blank(task.modelUri()) || blank(task.modelSha256()) || blank(task.checkpointSha256())) {
      throw new MalformedEventException(
          "GenerationTask: modelUri, modelSha256 and checkpointSha256 are required");
    }
    return set;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static double perSecond(long count, long nanos) {
    return nanos <= 0 ? 0 : count / (nanos / 1e9);
  }
}
