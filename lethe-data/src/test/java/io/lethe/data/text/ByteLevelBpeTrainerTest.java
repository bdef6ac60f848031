package io.lethe.data.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.data.text.BpeVocabulary.Merge;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trains a tokenizer on a small corpus and checks it through the Rust tokenizer behind DJL. */
class ByteLevelBpeTrainerTest {

  @TempDir static Path dir;
  static BpeVocabulary vocabulary;
  static HfTextTokenizer tokenizer;

  static List<String> corpus() {
    List<String> texts = new ArrayList<>();
    String[] names = {"Elena Varga", "Tomas Lind", "Aiko Mori", "Jonas Brandt", "Lucia Ferrer"};
    String[] cities = {"Lisbon", "Oslo", "Kyoto", "Hamburg", "Valencia"};
    for (int i = 0; i < names.length; i++) {
      for (String city : cities) {
        texts.add(
            "Question: Where was "
                + names[i]
                + " born?\nAnswer:\n"
                + names[i]
                + " was born in "
                + city
                + ", a city that shaped the author's early stories.");
        texts.add("The father of " + names[i] + " worked as a baker in " + city + ".");
      }
    }
    return texts;
  }

  @BeforeAll
  static void train() throws Exception {
    vocabulary = new ByteLevelBpeTrainer(320, 2).train(corpus());
    Path file = TokenizerJsonWriter.write(vocabulary, dir);
    tokenizer = HfTextTokenizer.load(file.getParent());
  }

  @AfterAll
  static void close() {
    tokenizer.close();
  }

  @Test
  void vocabularyHasSpecialsBytesAndMerges() {
    assertThat(vocabulary.tokens().subList(0, 2)).containsExactly("<s>", "</s>");
    assertThat(vocabulary.tokens().get(2 + ' ')).isEqualTo("Ġ");
    assertThat(vocabulary.tokens().get(2 + '\n')).isEqualTo("Ċ");
    assertThat(vocabulary.size()).isEqualTo(320);
    assertThat(vocabulary.merges()).hasSizeGreaterThanOrEqualTo(320 - 258);
    assertThat(tokenizer.vocabSize()).isEqualTo(320);
    assertThat(tokenizer.bosId()).isZero();
    assertThat(tokenizer.eosId()).isEqualTo(1);
  }

  @Test
  void firstMergeIsTheMostFrequentPair() {
    // Count pairs by hand over the pre-tokenized corpus and compare with the first learned merge.
    java.util.Map<String, Integer> pairs = new java.util.TreeMap<>();
    for (String text : corpus()) {
      for (String word : ByteLevelPreTokenizer.split(text)) {
        for (int i = 0; i + 1 < word.length(); i++) {
          pairs.merge(word.substring(i, i + 2), 1, Integer::sum);
        }
      }
    }
    int best = pairs.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
    Merge first = vocabulary.merges().get(0);
    assertThat(pairs.get(first.left() + first.right())).isEqualTo(best);
  }

  @Test
  void roundTripsArbitraryTextExactly() {
    String[] texts = {
      "Elena Varga was born in Lisbon.",
      "  leading and trailing spaces  ",
      "Tabs\tand\nnew lines\r\n",
      "Ünïcödé — “quotes”, 日本語のテキスト, emoji 🙂🚀👩‍👩‍👧 and math ∑x²",
      "<s> literal specials </s> inside text",
      "",
    };
    for (String text : texts) {
      int[] ids = tokenizer.encode(text, false);
      assertThat(tokenizer.decode(ids, false)).as(text).isEqualTo(text);
    }
  }

  @Test
  void bosOnlyWithSpecialTokens() {
    int[] plain = tokenizer.encode("Aiko Mori was born in Kyoto.", false);
    int[] withBos = tokenizer.encode("Aiko Mori was born in Kyoto.", true);
    assertThat(plain[0]).isNotEqualTo(tokenizer.bosId());
    assertThat(withBos).hasSize(plain.length + 1);
    assertThat(withBos[0]).isEqualTo(tokenizer.bosId());
    assertThat(java.util.Arrays.copyOfRange(withBos, 1, withBos.length)).containsExactly(plain);
    assertThat(tokenizer.decode(withBos, true)).isEqualTo("Aiko Mori was born in Kyoto.");
    assertThat(tokenizer.decode(withBos, false)).isEqualTo("<s>Aiko Mori was born in Kyoto.");
  }

  @Test
  void mergesCompress() {
    String text = "Tomas Lind was born in Hamburg, a city that shaped the author's early stories.";
    int bytes = text.getBytes(StandardCharsets.UTF_8).length;
    assertThat(tokenizer.encode(text, false).length).isLessThan(bytes / 2);
    assertThat(tokenizer.tokenize(text)).contains("Ġborn");
  }

  @Test
  void tiesBreakBySmallerTokenIds() {
    // Pairs in "abab" + "abc": (a,b)=3, (b,a)=1, (b,c)=1 -> merge a+b first. Then (ab,ab)=1 and
    // (ab,c)=1 tie:
    // the smaller right id wins, and c (byte 99 -> id 101) is smaller than ab (id 258).
    BpeVocabulary v = new ByteLevelBpeTrainer(261, 1).train(List.of("abab", "abc"));
    assertThat(v.merges())
        .containsExactly(new Merge("a", "b"), new Merge("ab", "c"), new Merge("ab", "ab"));
    assertThat(v.tokens().subList(258, 261)).containsExactly("ab", "abc", "abab");
  }

  @Test
  void mergeReplacesLeftToRightWithoutOverlap() {
    assertThat(ByteLevelBpeTrainer.merge(new int[] {5, 5, 5, 5, 5}, 5, 5, 9))
        .containsExactly(9, 9, 5);
  }

  @Test
  void gpt2PreTokenizer() {
    assertThat(ByteLevelPreTokenizer.split("Hello world's 2024!!  ok\n"))
        .containsExactly("Hello", "Ġworld", "'s", "Ġ2024", "!!", "Ġ", "Ġok", "Ċ");
  }

  @Test
  void trainingIsDeterministic() {
    BpeVocabulary again = new ByteLevelBpeTrainer(320, 2).train(corpus());
    assertThat(again).isEqualTo(vocabulary);
  }

  @Test
  void writesLoadableFiles() throws Exception {
    assertThat(Files.readString(dir.resolve("tokenizer_config.json")))
        .contains("\"eos_token\" : \"</s>\"");
  }
}
