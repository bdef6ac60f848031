package io.lethe.data.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading rules of {@link HfTextTokenizer}: where BOS/EOS come from, and byte-level ids without
 * merges.
 */
class HfTextTokenizerTest {

  @TempDir Path dir;

  @Test
  void byteLevelIdsWithoutMergesAreBytePlusTwo() throws Exception {
    // 258 = 2 specials + 256 bytes: no merges, so every byte is one token with id 2 + byte.
    BpeVocabulary vocab = new ByteLevelBpeTrainer(258, 2).train(List.of("abc abc"));
    assertThat(vocab.merges()).isEmpty();
    try (HfTextTokenizer tok = HfTextTokenizer.load(TokenizerJsonWriter.write(vocab, dir))) {
      assertThat(tok.encode("Hi é", true))
          .containsExactly(0, 2 + 'H', 2 + 'i', 2 + ' ', 2 + 0xC3, 2 + 0xA9);
      assertThat(tok.tokenize("Hi é")).containsExactly("H", "i", "Ġ", "Ã", "©");
      assertThat(tok.vocabSize()).isEqualTo(258);
    }
  }

  @Test
  void specialTokensFromTokenizerJsonWhenNoConfig() throws Exception {
    BpeVocabulary vocab = new ByteLevelBpeTrainer(270, 2).train(List.of("hello hello hello"));
    Path file = TokenizerJsonWriter.write(vocab, dir);
    Files.delete(dir.resolve(TokenizerJsonWriter.CONFIG_FILE));
    try (HfTextTokenizer tok = HfTextTokenizer.load(file)) {
      assertThat(tok.bosId()).isEqualTo(0); // first special token of the TemplateProcessing
      assertThat(tok.eosId()).isEqualTo(1); // "</s>" among the special added tokens
    }
  }

  @Test
  void explicitSpecialTokensOverrideTheConfig() throws Exception {
    BpeVocabulary vocab = new ByteLevelBpeTrainer(270, 2).train(List.of("hello hello hello"));
    Path file = TokenizerJsonWriter.write(vocab, dir);
    try (HfTextTokenizer tok = HfTextTokenizer.load(file, "</s>", "<s>")) {
      assertThat(tok.bosId()).isEqualTo(1);
      assertThat(tok.eosId()).isEqualTo(0);
    }
    assertThatThrownBy(() -> HfTextTokenizer.load(file, "<bos>", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("<bos>");
  }

  @Test
  void configWithObjectFormTokens() throws Exception {
    BpeVocabulary vocab = new ByteLevelBpeTrainer(270, 2).train(List.of("hello hello hello"));
    TokenizerJsonWriter.write(vocab, dir);
    Files.writeString(
        dir.resolve(TokenizerJsonWriter.CONFIG_FILE),
        "{\"bos_token\": {\"content\": \"</s>\"}, \"eos_token\": \"<s>\"}");
    try (HfTextTokenizer tok = HfTextTokenizer.load(dir)) {
      assertThat(tok.bosId()).isEqualTo(1);
      assertThat(tok.eosId()).isEqualTo(0);
    }
  }
}
