package io.lethe.data.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.data.ForgetSplit;
import io.lethe.data.QaItem;
import io.lethe.data.QaPair;
import io.lethe.data.synthetic.FictitiousAuthorGenerator;
import io.lethe.data.text.ByteLevelBpeTrainer;
import io.lethe.data.text.HfTextTokenizer;
import io.lethe.data.text.TokenizerJsonWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** methods.md §0.2 on hand-checked arrays and on the generated dataset. */
class ExampleEncoderTest {

  static final int X = EncodedExample.IGNORE;

  /**
   * No merges: token id = 2 + UTF-8 byte, BOS = 0, EOS = 1, so every array below is checkable by
   * hand.
   */
  static HfTextTokenizer bytes;

  /** A 1024-token BPE fitted to the generated dataset (what the tiny model uses). */
  static HfTextTokenizer bpe;

  static List<QaItem> rows;

  @BeforeAll
  static void tokenizers(@TempDir Path dir) throws Exception {
    bytes =
        HfTextTokenizer.load(
            TokenizerJsonWriter.write(
                new ByteLevelBpeTrainer(258, 2).train(List.of("x")), dir.resolve("bytes")));
    var benchmark = new FictitiousAuthorGenerator().generate().toBenchmark(ForgetSplit.FORGET10);
    rows = benchmark.training();
    List<String> corpus = new ArrayList<>();
    for (String text : benchmark.texts()) {
      corpus.add(PromptTemplate.LETHE.fullText(text, text));
    }
    bpe =
        HfTextTokenizer.load(
            new ByteLevelBpeTrainer(1024, 2).trainAndSave(corpus, dir.resolve("bpe")));
  }

  @AfterAll
  static void close() {
    bytes.close();
    bpe.close();
  }

  // "Question: Hi\nAnswer:\nYo" as bytes + 2, after BOS (0).
  static final int[] FULL_IDS = {
    0, 83, 119, 103, 117, 118, 107, 113, 112, 60, 34, 74, 107, 12, 67, 112, 117, 121, 103, 116, 60,
    12, 91, 113
  };

  @Test
  void rightPaddedExampleWithOneEosTarget() {
    ExampleEncoder encoder = new ExampleEncoder(bytes, PromptTemplate.LETHE);
    assertThat(encoder.fullTextIds("Hi", "Yo")).containsExactly(FULL_IDS);
    assertThat(encoder.promptTokenCount("Hi")).isEqualTo(22); // BOS + 21 prompt bytes

    EncodedExample e = encoder.encode("Hi", "Yo", 27, true);
    assertThat(e.inputIds())
        .containsExactly(
            0, 83, 119, 103, 117, 118, 107, 113, 112, 60, 34, 74, 107, 12, 67, 112, 117, 121, 103,
            116, 60, 12, 91, 113, 1, 1, 1);
    assertThat(e.attentionMask())
        .containsExactly(
            1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0);
    assertThat(e.labels())
        .containsExactly(
            X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, 91, 113, 1, X, X);
    assertThat(e.targetCount()).isEqualTo(3); // "Y", "o", EOS
  }

  @Test
  void exactLengthHasNoEosTargetAndTruncationKeepsTheFirstTokens() {
    ExampleEncoder encoder = new ExampleEncoder(bytes, PromptTemplate.LETHE);
    EncodedExample exact = encoder.encode("Hi", "Yo", 24, true);
    assertThat(exact.inputIds()).containsExactly(FULL_IDS);
    assertThat(exact.labels())
        .containsExactly(X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, 91, 113);
    EncodedExample cut = encoder.encode("Hi", "Yo", 23, true);
    assertThat(cut.inputIds()).containsExactly(Arrays.copyOf(FULL_IDS, 23));
    assertThat(cut.labels())
        .containsExactly(X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, 91);
    assertThat(cut.attentionMask()).containsOnly(1);
  }

  @Test
  void unmaskedExampleTargetsEveryPositionIncludingPadding() {
    EncodedExample e =
        new ExampleEncoder(bytes, PromptTemplate.LETHE).encode("Hi", "Yo", 27, false);
    assertThat(e.labels()).containsExactly(e.inputIds());
    assertThat(e.labels()).endsWith(113, 1, 1, 1);
    assertThat(e.targetCount()).isEqualTo(26);
  }

  @Test
  void templatesOfOtherFamilies() {
    // llama2: "[INST] Hi [/INST]Yo" -> prompt of 17 bytes, answer follows with no space.
    ExampleEncoder llama2 = new ExampleEncoder(bytes, PromptTemplate.LLAMA2);
    assertThat(llama2.promptTokenCount("Hi")).isEqualTo(18);
    EncodedExample l = llama2.encode(new QaPair("Hi", "Yo"), 22);
    assertThat(Arrays.copyOfRange(l.labels(), 17, 22)).containsExactly(X, 91, 113, 1, X);
    // phi: the "Answer: " tag is not part of the prompt, so it is a training target.
    ExampleEncoder phi = new ExampleEncoder(bytes, PromptTemplate.PHI);
    assertThat(phi.promptTokenCount("Hi")).isEqualTo(14); // BOS + "Question: Hi\n"
    EncodedExample p = phi.encode(new QaPair("Hi", "Yo"), 26);
    assertThat(Arrays.copyOfRange(p.labels(), 13, 26))
        .containsExactly(X, 67, 112, 117, 121, 103, 116, 60, 34, 91, 113, 1, X);
  }

  @Test
  void generationPromptsAreLeftPaddedWithEos() {
    ExampleEncoder encoder = new ExampleEncoder(bytes, PromptTemplate.LETHE);
    PromptBatch batch = encoder.encodeGenerationPrompts(List.of("Hi", "Hello"));
    assertThat(batch.size()).isEqualTo(2);
    assertThat(batch.length()).isEqualTo(25);
    assertThat(batch.inputIds()[1]).containsExactly(encoder.generationPromptIds("Hello"));
    assertThat(Arrays.copyOfRange(batch.inputIds()[0], 0, 4)).containsExactly(1, 1, 1, 0);
    assertThat(Arrays.copyOfRange(batch.inputIds()[0], 3, 25))
        .containsExactly(Arrays.copyOf(FULL_IDS, 22));
    assertThat(batch.attentionMask()[0]).startsWith(0, 0, 0, 1).endsWith(1);
    assertThat(batch.promptLength(0)).isEqualTo(22);
    assertThat(batch.promptLength(1)).isEqualTo(25);
  }

  @Test
  void letheTemplateKeepsThePromptATokenPrefixOnTheGeneratedData() {
    ExampleEncoder encoder = new ExampleEncoder(bpe, PromptTemplate.LETHE);
    for (QaItem row : rows) {
      int[] full = encoder.fullTextIds(row.question(), row.answer());
      int[] prompt = bpe.encode(PromptTemplate.LETHE.prompt(row.question()), true);
      assertThat(Arrays.copyOf(full, prompt.length)).as(row.question()).containsExactly(prompt);
      EncodedExample e = encoder.encode(row.pair(), ExampleEncoder.EVAL_MAX_LENGTH);
      int[] answerTokens =
          Arrays.stream(e.labels()).filter(id -> id != X && id != bpe.eosId()).toArray();
      assertThat(bpe.decode(answerTokens, false)).isEqualTo(row.answer());
      assertThat(e.targetCount()).isEqualTo(answerTokens.length + 1);
      assertThat(full.length).isLessThan(row.question().length() + row.answer().length());
    }
  }

  @Test
  void aTrailingSpaceInTheTemplateWouldBreakThePrefixProperty() {
    // Why LETHE ends its prompt with "\n": " Answer: " + "Marta" tokenises the space into " Marta".
    PromptTemplate trailingSpace = new PromptTemplate("bad", "Question: ", "\nAnswer: ", "");
    ExampleEncoder encoder = new ExampleEncoder(bpe, trailingSpace);
    QaItem row = rows.get(0);
    int[] full = encoder.fullTextIds(row.question(), row.answer());
    int[] prompt = bpe.encode(trailingSpace.prompt(row.question()), true);
    assertThat(Arrays.copyOf(full, prompt.length)).isNotEqualTo(prompt);
  }
}
