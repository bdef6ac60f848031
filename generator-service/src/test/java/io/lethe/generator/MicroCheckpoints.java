package io.lethe.generator;

import ai.djl.Device;
import io.lethe.data.UnlearningBenchmark;
import io.lethe.data.text.ByteLevelBpeTrainer;
import io.lethe.data.text.HfTextTokenizer;
import io.lethe.generator.service.CheckpointLoader;
import io.lethe.generator.service.EvaluationDatasets;
import io.lethe.ml.checkpoint.Checkpoint;
import io.lethe.ml.checkpoint.CheckpointStore;
import io.lethe.ml.checkpoint.Lineage;
import io.lethe.ml.model.LlamaConfig;
import io.lethe.ml.model.LlamaModel;
import io.lethe.schemas.domain.DatasetRef;
import io.lethe.schemas.domain.EvaluationPlan;
import io.lethe.schemas.domain.JobKind;
import io.lethe.schemas.domain.ModelRef;
import io.lethe.schemas.events.CheckpointEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Real checkpoints for tests: micro Llama models (random weights, seeded) with a byte-level BPE
 * tokenizer fitted to a small built-in benchmark, saved by the same {@link CheckpointStore} the
 * trainer uses.
 */
public final class MicroCheckpoints {

  /** The job data the checkpoints' tokenizer is fitted to: 2 authors × 4 questions. */
  public static final DatasetRef DATA =
      new DatasetRef("builtin", null, "forget10", 7L, 2, 4, "full");

  private static Path tokenizerJson;

  private MicroCheckpoints() {}

  /** The benchmark of {@link #DATA}. */
  public static UnlearningBenchmark benchmark() {
    return EvaluationDatasets.sourceOf(DATA).load();
  }

  /** A micro model with weights drawn from {@code seed}, saved as {@code root/jobId/step-N}. */
  public static Checkpoint save(Path root, String jobId, int step, long seed) {
    try {
      Path tokenizer = tokenizer(root);
      try (HfTextTokenizer tok = HfTextTokenizer.load(tokenizer);
          LlamaModel model = LlamaModel.initialize(LlamaConfig.micro(tok), seed, Device.cpu())) {
        return new CheckpointStore(root)
            .save(
                model,
                tokenizer,
                Lineage.of(
                    jobId,
                    step,
                    null,
                    "FINETUNE",
                    Map.of(CheckpointLoader.PROMPT_TEMPLATE_KEY, "lethe", "seed", seed),
                    Device.cpu()),
                null);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@link #DATA}'s continual task {@code task} (same rows, another forget block). */
  public static DatasetRef task(int task) {
    return new DatasetRef(
        DATA.source(),
        DATA.path(),
        DATA.split(),
        DATA.seed(),
        DATA.authors(),
        DATA.questionsPerAuthor(),
        DATA.trainOn(),
        task);
  }

  /** A checkpoint event of {@code checkpoint} on {@link #DATA}, claiming {@code sha256}. */
  public static CheckpointEvent event(
      String jobId, int step, Checkpoint checkpoint, String sha256, EvaluationPlan plan) {
    return event(jobId, step, checkpoint, sha256, plan, DATA);
  }

  /** A checkpoint event of {@code checkpoint} on {@code dataset}, claiming {@code sha256}. */
  public static CheckpointEvent event(
      String jobId,
      int step,
      Checkpoint checkpoint,
      String sha256,
      EvaluationPlan plan,
      DatasetRef dataset) {
    return new CheckpointEvent(
        UUID.randomUUID(),
        CheckpointEvent.SCHEMA_VERSION,
        jobId,
        Instant.now(),
        step,
        1,
        JobKind.UNLEARN,
        checkpoint.directory().toUri().toString(),
        sha256,
        null,
        Map.of("total", 1.0),
        1.0,
        1024L,
        0.5,
        null,
        dataset,
        plan,
        10);
  }

  /** A reference to {@code checkpoint} (e.g. as the plan's retain model). */
  public static ModelRef ref(Checkpoint checkpoint) {
    return ModelRef.checkpoint(checkpoint.directory().toUri().toString(), checkpoint.modelSha256());
  }

  /** A 512-token byte-level BPE fitted to {@link #DATA}'s texts, trained once per test JVM. */
  private static synchronized Path tokenizer(Path root) throws IOException {
    if (tokenizerJson == null || !Files.isRegularFile(tokenizerJson)) {
      Path dir = Files.createDirectories(root.resolve(".tokenizer"));
      tokenizerJson = new ByteLevelBpeTrainer(512, 2).trainAndSave(benchmark().texts(), dir);
    }
    return tokenizerJson;
  }
}
