package io.lethe.generator.bench;

import ai.djl.Device;
import io.lethe.data.EvalSet;
import io.lethe.data.UnlearningBenchmark;
import io.lethe.data.text.ByteLevelBpeTrainer;
import io.lethe.data.text.HfTextTokenizer;
import io.lethe.generator.service.CheckpointLoader;
import io.lethe.generator.service.EvalItem;
import io.lethe.generator.service.EvaluationDatasets;
import io.lethe.generator.service.ShardGenerator;
import io.lethe.generator.service.ShardResult;
import io.lethe.ml.checkpoint.Checkpoint;
import io.lethe.ml.checkpoint.CheckpointStore;
import io.lethe.ml.checkpoint.Lineage;
import io.lethe.ml.model.LlamaConfig;
import io.lethe.ml.model.LlamaModel;
import io.lethe.schemas.domain.DatasetRef;
import io.lethe.schemas.domain.EvaluationKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Not a test: times a FULL evaluation of the tiny model (d=256, 4 layers, 2048-token BPE) on the
 * built-in data, shard by shard as the service runs it, and prints generation tokens/s and scoring
 * items/s. The weights are freshly initialised, so the model never emits EOS and every answer runs
 * to TOFU's 200-token budget: the worst case for generation.
 *
 * <pre>
 * ./mvnw -B -ntp -o -pl generator-service test-compile exec:java \
 *     [-Dexec.args="authors questionsPerAuthor batchSize shardSize maxItemsPerSet"]   # 20 10 16 25 300
 * </pre>
 */
public final class GenerationBenchmark {

  private GenerationBenchmark() {}

  public static void main(String[] args) throws IOException {
    int authors = arg(args, 0, 20);
    int questions = arg(args, 1, 10);
    int batchSize = arg(args, 2, 16);
    int shardSize = arg(args, 3, 25);
    int maxItems = arg(args, 4, 300);
    DatasetRef data = new DatasetRef("builtin", null, "forget10", 1001L, authors, questions, null);
    UnlearningBenchmark benchmark = EvaluationDatasets.sourceOf(data).load();
    Path root = Files.createTempDirectory("lethe-generation-bench");
    try {
      Path tokenizer =
          new ByteLevelBpeTrainer().trainAndSave(benchmark.texts(), root.resolve("tokenizer"));
      Checkpoint checkpoint;
      try (HfTextTokenizer tok = HfTextTokenizer.load(tokenizer);
          LlamaModel model = LlamaModel.initialize(LlamaConfig.tiny(tok), 1L, Device.cpu())) {
        checkpoint =
            CheckpointStore.save(
                root.resolve("bench/step-00000000"),
                model,
                tokenizer,
                Lineage.of("bench", 0, null, "INIT", Map.of(), Device.cpu()),
                null);
      }
      try (CheckpointLoader loader = new CheckpointLoader(root, Device.cpu(), 1);
          CheckpointLoader.Lease lease =
              loader.acquire(checkpoint.directory().toUri().toString(), checkpoint.modelSha256())) {
        System.out.printf(
            "tiny model: %,d parameters, batch %d, shards of %d, threads %s%n",
            lease.model().model().parameterCount(),
            batchSize,
            shardSize,
            System.getProperty("ai.djl.pytorch.num_threads", "default"));
        ShardGenerator generator = new ShardGenerator(lease.model(), batchSize);
        long items = 0;
        long answers = 0;
        long scoringNanos = 0;
        long tokens = 0;
        long generationNanos = 0;
        for (EvalSet set : EvalSet.values()) {
          List<EvalItem> rows = new ArrayList<>();
          for (int i = 0; i < Math.min(maxItems, benchmark.evalSet(set).size()); i++) {
            rows.add(new EvalItem(i, benchmark.evalSet(set).get(i)));
          }
          long setItems = 0;
          long setAnswers = 0;
          long setScoring = 0;
          long setTokens = 0;
          long setGeneration = 0;
          for (int from = 0; from < rows.size(); from += shardSize) {
            ShardResult shard =
                generator.generate(
                    set,
                    rows.subList(from, Math.min(rows.size(), from + shardSize)),
                    EvaluationKind.FULL);
            setItems += shard.items().size();
            setAnswers += shard.scoredSequences();
            setScoring += shard.scoringNanos();
            setTokens += shard.generatedTokens();
            setGeneration += shard.generationNanos();
          }
          System.out.printf(
              "%-12s %4d items: scoring %6.2f s (%6.1f items/s, %6.1f answers/s);"
                  + " generation %6.2f s, %6d tokens (%6.0f tokens/s)%n",
              set.name().toLowerCase(),
              setItems,
              setScoring / 1e9,
              setItems / (setScoring / 1e9),
              setAnswers / (setScoring / 1e9),
              setGeneration / 1e9,
              setTokens,
              setTokens / (setGeneration / 1e9));
          items += setItems;
          answers += setAnswers;
          scoringNanos += setScoring;
          tokens += setTokens;
          generationNanos += setGeneration;
        }
        System.out.printf(
            "FULL evaluation, %d items: scoring %.2f s (%.1f items/s, %.1f answers/s);"
                + " generation %.2f s, %d tokens (%.0f tokens/s)%n",
            items,
            scoringNanos / 1e9,
            items / (scoringNanos / 1e9),
            answers / (scoringNanos / 1e9),
            generationNanos / 1e9,
            tokens,
            tokens / (generationNanos / 1e9));
      }
    } finally {
      try (Stream<Path> paths = Files.walk(root)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static int arg(String[] args, int i, int fallback) {
    return args.length > i ? Integer.parseInt(args[i]) : fallback;
  }
}
