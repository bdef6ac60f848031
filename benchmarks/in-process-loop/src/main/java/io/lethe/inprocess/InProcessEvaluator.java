package io.lethe.inprocess;

import io.lethe.data.synthetic.RefusalTemplates;
import io.lethe.evaluator.CompleteEvaluation;
import io.lethe.evaluator.inference.MiniLmSentenceEmbedder;
import io.lethe.evaluator.inference.UnconfiguredNliClassifier;
import io.lethe.evaluator.service.EvaluationCalculator;
import io.lethe.evaluator.service.EvaluationComputation;
import io.lethe.evaluator.service.GenerationScorer;
import io.lethe.evaluator.service.OriginalAnswerStore;
import io.lethe.evaluator.service.ShardAssembler;
import io.lethe.generator.GenerationTask;
import io.lethe.generator.metrics.GeneratorMeters;
import io.lethe.generator.service.CheckpointLoader;
import io.lethe.generator.service.EvaluationDatasets;
import io.lethe.generator.service.EvaluationPlanner;
import io.lethe.generator.service.GenerationService;
import io.lethe.generator.service.ShardResultCache;
import io.lethe.generator.service.ShardTaskPlanning;
import io.lethe.metrics.control.RefusalDetector;
import io.lethe.ml.model.DeviceChoice;
import io.lethe.schemas.events.CheckpointEvent;
import io.lethe.schemas.events.EvaluationEvent;
import io.lethe.schemas.events.GenerationEvent;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.DoubleAdder;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The generator and the evaluator services without {@code checkpoints}, {@code generation-tasks}
 * and {@code generations}: a checkpoint is planned into shard tasks ({@link ShardTaskPlanning},
 * what the generator's checkpoint consumer runs), each task is run by {@link GenerationService}
 * (what its task consumer runs), the shards are assembled by the evaluator's {@link ShardAssembler}
 * and computed by its {@link EvaluationComputation}. Every object is built as the services'
 * producers build it, with the values of their application.properties; the caches live as long as
 * this object, as they live as long as the services' processes.
 */
final class InProcessEvaluator implements AutoCloseable {

  /** The generator's {@code lethe.generator.*} settings (application.properties). */
  private static final String GENERATOR_DEVICE = "auto";

  private static final int CACHED_MODELS = 2;
  private static final int BATCH_SIZE = 16;
  private static final int PROBE_ITEMS_PER_SET = 20;
  private static final int CACHED_DATASETS = 4;
  private static final int CACHED_SHARDS = 256;

  /** The evaluator's {@code lethe.evaluator.*} settings (application.properties). */
  private static final Duration ASSEMBLY_TIMEOUT = Duration.ofMinutes(30);

  private static final int MAX_INCOMPLETE = 64;
  private static final int PUBLISHED_KEYS_REMEMBERED = 1024;
  private static final int ORIGINAL_ANSWERS_CACHED_JOBS = 64;
  private static final double REFUSAL_THRESHOLD = 0.8;

  /** What the generator reports as Lethe's version in its environment fingerprint. */
  private static final String VERSION = "in-process";

  private final SimpleMeterRegistry generatorMeters = new SimpleMeterRegistry();
  private final CheckpointLoader loader;
  private final ShardTaskPlanning planning;
  private final GenerationService generation;
  private final ShardAssembler assembler;
  private final EvaluationComputation computation;
  private final DoubleAdder evaluatorSeconds = new DoubleAdder();

  /**
   * @param checkpointRoot the checkpoint store the trainer writes (models outside it are refused,
   *     as by the generator service)
   * @param originalAnswers where the evaluator keeps the jobs' step-0 answers
   */
  InProcessEvaluator(Path checkpointRoot, Path originalAnswers) {
    this.loader =
        new CheckpointLoader(
            checkpointRoot, DeviceChoice.parse(GENERATOR_DEVICE).resolve(), CACHED_MODELS);
    EvaluationDatasets datasets = new EvaluationDatasets(CACHED_DATASETS);
    this.planning =
        new ShardTaskPlanning(loader, datasets, new EvaluationPlanner(PROBE_ITEMS_PER_SET));
    this.generation =
        new GenerationService(
            loader,
            datasets,
            new ShardResultCache(CACHED_SHARDS),
            new GeneratorMeters(generatorMeters),
            new GeneratorSettings(
                checkpointRoot,
                GENERATOR_DEVICE,
                CACHED_MODELS,
                BATCH_SIZE,
                PROBE_ITEMS_PER_SET,
                CACHED_DATASETS,
                CACHED_SHARDS),
            VERSION);
    Clock clock = Clock.systemUTC();
    this.assembler =
        new ShardAssembler(clock, ASSEMBLY_TIMEOUT, MAX_INCOMPLETE, PUBLISHED_KEYS_REMEMBERED);
    // ScoringProducers: Lethe's refusal templates (no templates file is configured), MiniLM
    // embeddings, no NLI model
    RefusalDetector refusals = new RefusalDetector(RefusalTemplates.ALL, REFUSAL_THRESHOLD);
    EvaluationCalculator calculator =
        new EvaluationCalculator(
            new GenerationScorer(
                new MiniLmSentenceEmbedder(), new UnconfiguredNliClassifier(), refusals));
    this.computation =
        new EvaluationComputation(
            calculator,
            new OriginalAnswerStore(originalAnswers, ORIGINAL_ANSWERS_CACHED_JOBS),
            clock);
  }

  /**
   * The evaluation {@code checkpoint} asks for, or empty when it asks for none.
   *
   * @throws IllegalStateException if the shards do not make up one evaluation
   */
  Optional<EvaluationEvent> evaluate(CheckpointEvent checkpoint) {
    List<GenerationTask> tasks = planning.tasksFor(checkpoint);
    if (tasks.isEmpty()) {
      return Optional.empty();
    }
    CompleteEvaluation complete = null;
    for (GenerationTask task : tasks) {
      GenerationEvent shard = generation.run(task).event();
      ShardAssembler.Admission admission = assembler.admit(shard, Message.of(shard));
      if (admission.outcome() == ShardAssembler.Outcome.COMPLETE) {
        complete = admission.evaluation();
      }
    }
    if (complete == null) {
      throw new IllegalStateException(
          "the " + tasks.size() + " shards of step " + checkpoint.step() + " did not complete");
    }
    long started = System.nanoTime();
    EvaluationEvent event = computation.compute(complete);
    evaluatorSeconds.add((System.nanoTime() - started) / 1e9);
    assembler.published(complete.key());
    return Optional.of(event);
  }

  /**
   * Seconds the generator spent computing shards: {@code lethe.generation.seconds}, the meter
   * LoopCostBenchmark scrapes from the generator service.
   */
  double generatorSeconds() {
    return generatorMeters.find("lethe.generation.seconds").timers().stream()
        .mapToDouble((Timer t) -> t.totalTime(TimeUnit.SECONDS))
        .sum();
  }

  /** Seconds the evaluator spent computing metrics ({@code lethe.evaluation.compute.seconds}). */
  double evaluatorSeconds() {
    return evaluatorSeconds.sum();
  }

  @Override
  public void close() {
    loader.close();
    generatorMeters.close();
  }
}
