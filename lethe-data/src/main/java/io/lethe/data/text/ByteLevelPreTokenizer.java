package io.lethe.data.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits text into the "words" BPE merges never cross, with GPT-2's regex — what Hugging Face's
 * {@code ByteLevel} pre-tokenizer does with {@code use_regex=true, add_prefix_space=false}.
 *
 * <p>Only the trainer needs this (the runtime split is done by the Rust tokenizer from {@code
 * tokenizer.json}). Java's regex engine and Oniguruma agree on this pattern except for exotic
 * Unicode whitespace; a disagreement can only change which merges are learned, never the
 * losslessness of the tokenizer.
 */
public final class ByteLevelPreTokenizer {

  /** GPT-2's pattern (contractions, letter runs, digit runs, punctuation runs, whitespace). */
  static final Pattern GPT2_PATTERN =
      Pattern.compile(
          "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
          Pattern.UNICODE_CHARACTER_CLASS);

  private ByteLevelPreTokenizer() {}

  /** The pre-tokens of {@code text}, each already mapped to the byte-level alphabet. */
  public static List<String> split(String text) {
    List<String> words = new ArrayList<>();
    Matcher m = GPT2_PATTERN.matcher(text);
    while (m.find()) {
      words.add(ByteLevelAlphabet.encode(m.group()));
    }
    return words;
  }
}
