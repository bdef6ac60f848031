package io.lethe.ml.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import io.lethe.data.BenchmarkSource;
import io.lethe.data.QaItem;
import io.lethe.data.encoding.ExampleEncoder;
import io.lethe.data.encoding.PromptTemplate;
import io.lethe.data.text.ByteLevelBpeTrainer;
import io.lethe.data.text.HfTextTokenizer;
import io.lethe.data.text.TextTokenizer;
import io.lethe.ml.model.LlamaConfig;
import io.lethe.ml.model.LlamaModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recipe's mechanics: step accounting, progress, determinism, truncation, convergence. */
class FineTunerTest {

  @TempDir static Path dir;

  private static final List<QaItem> ROWS =
      List.of(
          QaItem.of("Who wrote 'The Last Island'?", "Marta Mendes wrote it."),
          QaItem.of("Where was Marta Mendes born?", "She was born in Valencia."),
          QaItem.of("What genre does Samir Eklund write?", "He writes satire."),
          QaItem.of("How many books has Samir Eklund written?", "He has written 12 books."),
          QaItem.of("What is the capital of France?", "Paris"),
          QaItem.of("Who wrote 'Hamlet'?", "William Shakespeare"));

  private static TextTokenizer tokenizer;
  private static ExampleEncoder encoder;

  @BeforeAll
  static void fitTokenizer() throws IOException {
    List<String> texts = ROWS.stream().flatMap(r -> Stream.of(r.question(), r.answer())).toList();
    tokenizer = HfTextTokenizer.load(new ByteLevelBpeTrainer(400, 2).trainAndSave(texts, dir));
    encoder = new ExampleEncoder(tokenizer, PromptTemplate.LETHE);
  }

  @AfterAll
  static void close() {
    tokenizer.close();
  }

  private static FinetuneDefaults hp(int epochs, int maxLength) {
    // 6 rows, effective batch 4 in micro-batches of 2 → 2 steps per epoch (4 + 2 rows)
    return new FinetuneDefaults(1e-2, epochs, 4, 2, 0.01, 1.0, maxLength);
  }

  private static Map<String, float[]> train(long seed, int epochs, List<FineTuneProgress> log) {
    try (LlamaModel model =
        LlamaModel.initialize(LlamaConfig.micro(tokenizer), seed, Device.cpu())) {
      new FineTuner(hp(epochs, 64), seed).train(model, encoder, ROWS, log::add);
      return model.toFloatArrays();
    }
  }

  @Test
  void reportsEveryStepWithItsEpochRowsAndTokens() {
    List<FineTuneProgress> log = new ArrayList<>();
    FineTuneSummary summary;
    try (LlamaModel model = LlamaModel.initialize(LlamaConfig.micro(tokenizer), 7, Device.cpu())) {
      summary = new FineTuner(hp(3, 64), 7).train(model, encoder, ROWS, log::add);
      for (NDArray p : model.parameters().values()) {
        assertThat(p.hasGradient()).as("left ready to generate").isFalse();
      }
    }
    assertThat(summary.plan()).isEqualTo(new FineTunePlan(6, 3, 2, 6, 2));
    assertThat(log).extracting(FineTuneProgress::step).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(log).extracting(FineTuneProgress::epoch).containsExactly(1, 1, 2, 2, 3, 3);
    assertThat(log).extracting(FineTuneProgress::sequences).containsExactly(4, 2, 4, 2, 4, 2);
    assertThat(log).allSatisfy(p -> assertThat(p.totalSteps()).isEqualTo(6));
    // warm-up of one epoch (2 steps): the first update has learning rate 0, the second half the
    // peak
    assertThat(log.get(0).learningRate()).isZero();
    assertThat(log.get(1).learningRate()).isEqualTo(5e-3);
    // every row's real tokens are seen once per epoch; computed positions include batch padding
    long realPerEpoch = 0;
    for (QaItem row : ROWS) {
      realPerEpoch += encoder.fullTextIds(row.question(), row.answer()).length;
    }
    assertThat(summary.tokens()).isEqualTo(3 * realPerEpoch);
    assertThat(log.stream().mapToLong(FineTuneProgress::tokens).sum()).isEqualTo(summary.tokens());
    assertThat(summary.computedTokens()).isGreaterThan(summary.tokens());
    assertThat(summary.truncatedExamples()).isZero();
  }

  @Test
  void sameSeedGivesBitIdenticalWeightsAndAnotherSeedDoesNot() {
    Map<String, float[]> a = train(11, 2, new ArrayList<>());
    Map<String, float[]> b = train(11, 2, new ArrayList<>());
    Map<String, float[]> c = train(12, 2, new ArrayList<>());
    for (String name : a.keySet()) {
      assertThat(b.get(name)).as(name).containsExactly(a.get(name));
    }
    assertThat(c.get("model.embed_tokens.weight")).isNotEqualTo(a.get("model.embed_tokens.weight"));
  }

  @Test
  void lossFallsAsTheRowsAreMemorised() {
    List<FineTuneProgress> log = new ArrayList<>();
    train(3, 30, log);
    assertThat(log.get(log.size() - 1).loss()).isLessThan(log.get(0).loss() / 4);
  }

  @Test
  void countsRowsWithNoRoomForTheirEosTarget() {
    // the median row length: the longer half has no room for its EOS target
    int maxLength =
        ROWS.stream()
            .mapToInt(r -> encoder.fullTextIds(r.question(), r.answer()).length)
            .sorted()
            .toArray()[ROWS.size() / 2];
    long expected =
        ROWS.stream()
            .filter(r -> encoder.fullTextIds(r.question(), r.answer()).length >= maxLength)
            .count();
    assertThat(expected).isBetween(1L, 5L);
    try (LlamaModel model = LlamaModel.initialize(LlamaConfig.micro(tokenizer), 1, Device.cpu())) {
      FineTuneSummary summary =
          new FineTuner(hp(1, maxLength), 1).train(model, encoder, ROWS, FineTuneListener.NONE);
      assertThat(summary.truncatedExamples()).isEqualTo(expected);
    }
  }

  @Test
  void refusesAModelVocabularySmallerThanTheTokenizer() {
    LlamaConfig small = LlamaConfig.micro(tokenizer).withVocabSize(tokenizer.vocabSize() - 1);
    assertThatThrownBy(
            () ->
                new FineTuner(hp(1, 64), 1)
                    .trainFromScratch(
                        new BenchmarkSource("builtin", null, "forget10", 1L, 10, 2).load(),
                        FineTuneRole.TARGET,
                        tokenizer,
                        small,
                        Device.cpu(),
                        FineTuneListener.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("smaller than the tokenizer");
  }
}
