package io.lethe.generator.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.lethe.data.EvalSet;
import io.lethe.data.QaItem;
import io.lethe.data.UnlearningBenchmark;
import io.lethe.data.encoding.ExampleEncoder;
import io.lethe.generator.MicroCheckpoints;
import io.lethe.generator.config.GeneratorConfig;
import io.lethe.infra.test.LetheInfraTestResource;
import io.lethe.ml.checkpoint.Checkpoint;
import io.lethe.ml.inference.GenerationConfig;
import io.lethe.ml.inference.Generator;
import io.lethe.schemas.domain.AnswerScore;
import io.lethe.schemas.domain.EvaluationKind;
import io.lethe.schemas.domain.GenerationItem;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A shard's numbers against an independent computation on the same micro checkpoint: one unpadded
 * forward pass per answer and log-softmax in Java doubles (methods.md §0.2/§0.3), and a greedy
 * decode of each prompt alone. A Quarkus test only because PyTorch's native library can be loaded
 * by one class loader per JVM.
 */
@QuarkusTest
@WithTestResource(value = LetheInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class ShardGeneratorTest {

  @Inject GeneratorConfig config;

  CheckpointLoader loader;
  CheckpointLoader.Lease lease;
  LoadedModel model;
  UnlearningBenchmark benchmark = MicroCheckpoints.benchmark();

  @BeforeEach
  void loadMicroModel() {
    Checkpoint checkpoint =
        MicroCheckpoints.save(config.checkpointRoot(), "shard-" + UUID.randomUUID(), 3, 11L);
    loader = new CheckpointLoader(config.checkpointRoot(), Device.cpu(), 1);
    lease = loader.acquire(checkpoint.directory().toUri().toString(), checkpoint.modelSha256());
    model = lease.model();
  }

  @AfterEach
  void release() {
    lease.close();
    loader.close();
  }

  static List<EvalItem> firstRows(UnlearningBenchmark benchmark, EvalSet set, int n) {
    List<EvalItem> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      items.add(new EvalItem(i, benchmark.evalSet(set).get(i)));
    }
    return items;
  }

  /** S, n, argmax matches and mean entropy of {@code answer} from one unpadded forward pass. */
  record Reference(double nll, int tokens, List<Boolean> matches, double meanEntropy) {}

  Reference reference(String question, String answer) {
    ExampleEncoder encoder = new ExampleEncoder(model.tokenizer(), model.template());
    int[] ids = encoder.fullTextIds(question, answer);
    int promptTokens = encoder.promptTokenCount(question);
    long[] sequence = new long[ids.length + 1];
    for (int t = 0; t < ids.length; t++) {
      sequence[t] = ids[t];
    }
    sequence[ids.length] = model.tokenizer().eosId(); // the one EOS target of §0.2
    int vocab = model.model().config().vocabSize();
    float[] logits;
    try (NDManager step = model.model().manager().newSubManager()) {
      logits =
          model
              .model()
              .forward(step.create(sequence, new Shape(1, sequence.length)))
              .toFloatArray();
    }
    double nll = 0;
    double entropySum = 0;
    List<Boolean> matches = new ArrayList<>();
    // logits at t predict token t+1; the answer starts at the first token after the prompt
    for (int t = promptTokens - 1; t < sequence.length - 1; t++) {
      double max = Double.NEGATIVE_INFINITY;
      int argmax = 0;
      for (int v = 0; v < vocab; v++) {
        if (logits[t * vocab + v] > max) {
          max = logits[t * vocab + v];
          argmax = v;
        }
      }
      double z = 0;
      for (int v = 0; v < vocab; v++) {
        z += Math.exp(logits[t * vocab + v] - max);
      }
      double logZ = max + Math.log(z);
      double entropy = 0;
      for (int v = 0; v < vocab; v++) {
        double lp = logits[t * vocab + v] - logZ;
        entropy -= Math.exp(lp) * lp;
      }
      nll -= logits[t * vocab + (int) sequence[t + 1]] - logZ;
      boolean answerToken = t + 1 < sequence.length - 1;
      if (answerToken) {
        matches.add(argmax == sequence[t + 1]);
        entropySum += entropy;
      }
    }
    return new Reference(nll, sequence.length - promptTokens, matches, entropySum / matches.size());
  }

  static void assertScore(AnswerScore actual, Reference expected) {
    assertThat(actual.tokens()).isEqualTo(expected.tokens());
    assertThat(actual.nll()).isCloseTo(expected.nll(), within(1e-3));
  }

  @Test
  void teacherForcedScoresMatchAnIndependentForwardPass() {
    List<EvalItem> forget = firstRows(benchmark, EvalSet.FORGET, 1);
    List<EvalItem> realAuthors = firstRows(benchmark, EvalSet.REAL_AUTHORS, 3);
    ShardGenerator generator = new ShardGenerator(model, 2);

    List<GenerationItem> forgetItems =
        generator.generate(EvalSet.FORGET, forget, EvaluationKind.PROBE).items();
    List<GenerationItem> realAuthorItems =
        generator.generate(EvalSet.REAL_AUTHORS, realAuthors, EvaluationKind.PROBE).items();

    for (int i = 0; i < forget.size(); i++) {
      QaItem row = forget.get(i).row();
      GenerationItem item = forgetItems.get(i);
      Reference gold = reference(row.question(), row.answer());
      assertScore(item.gold(), gold);
      assertThat(item.goldArgmaxMatches()).isEqualTo(gold.matches());
      assertThat(item.goldArgmaxMatches()).hasSize(item.gold().tokens() - 1);
      assertThat(item.meanPredictiveEntropy()).isCloseTo(gold.meanEntropy(), within(1e-4));
      assertScore(item.paraphrased(), reference(row.question(), row.paraphrasedAnswer()));
      assertThat(item.perturbed()).hasSize(row.perturbedAnswers().size()).hasSize(5);
      for (int j = 0; j < row.perturbedAnswers().size(); j++) {
        assertScore(
            item.perturbed().get(j), reference(row.question(), row.perturbedAnswers().get(j)));
      }
    }
    for (int i = 0; i < realAuthors.size(); i++) {
      QaItem row = realAuthors.get(i).row();
      GenerationItem item = realAuthorItems.get(i);
      assertThat(item.index()).isEqualTo(i);
      assertThat(item.question()).isEqualTo(row.question());
      assertThat(item.goldAnswer()).isEqualTo(row.answer());
      assertScore(item.gold(), reference(row.question(), row.answer()));
      // the truth ratio of real authors / world facts is based on the gold answer: no paraphrase
      assertThat(item.paraphrased()).isNull();
      assertThat(item.perturbed()).hasSize(3);
      for (int j = 0; j < 3; j++) {
        assertScore(
            item.perturbed().get(j), reference(row.question(), row.perturbedAnswers().get(j)));
      }
    }
  }

  @Test
  void fullShardsGenerateGreedilyWithinTofusLengthBudget() {
    List<EvalItem> rows = firstRows(benchmark, EvalSet.RETAIN, 1);
    ShardResult result =
        new ShardGenerator(model, 4).generate(EvalSet.RETAIN, rows, EvaluationKind.FULL);
    GenerationItem item = result.items().get(0);

    ExampleEncoder encoder = new ExampleEncoder(model.tokenizer(), model.template());
    int[] prompt = encoder.generationPromptIds(rows.get(0).row().question());
    // the micro model has 128 positions, fewer than TOFU's 200
    int budget = Math.min(200, model.model().config().maxPositionEmbeddings()) - prompt.length;
    int[] alone =
        new Generator(model.model())
            .generate(List.of(prompt), GenerationConfig.greedy(budget))
            .get(0)
            .tokens();
    int[] expected = Arrays.stream(alone).filter(t -> !model.specialIds().contains(t)).toArray();

    assertThat(item.generatedTokenIds())
        .containsExactly(Arrays.stream(expected).boxed().toArray(Integer[]::new));
    assertThat(item.generatedTokenIds()).doesNotContainAnyElementsOf(model.specialIds());
    assertThat(item.generated()).isEqualTo(model.tokenizer().decode(expected, true));
    assertThat(prompt.length + alone.length).isLessThanOrEqualTo(128);
    assertThat(result.generatedTokens()).isEqualTo(expected.length);
  }

  @Test
  void probeShardsScoreWithoutGenerating() {
    ShardResult result =
        new ShardGenerator(model, 16)
            .generate(
                EvalSet.WORLD_FACTS,
                firstRows(benchmark, EvalSet.WORLD_FACTS, 2),
                EvaluationKind.PROBE);

    assertThat(result.items())
        .hasSize(2)
        .allSatisfy(
            item -> {
              assertThat(item.generated()).isNull();
              assertThat(item.generatedTokenIds()).isNull();
              assertThat(item.gold().tokens()).isPositive();
              assertThat(item.gold().nll()).isFinite().isPositive();
            });
    assertThat(result.generatedTokens()).isZero();
    assertThat(result.scoredSequences()).isEqualTo(2 * 4); // gold + 3 perturbed each
  }
}
