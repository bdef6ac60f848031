package io.lethe.unlearning;

import io.lethe.data.text.TextTokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * A character-level tokenizer for encoding tests: BOS = 1, EOS = 2, every character one token
 * ({@code 3 + c mod 29}). Any prompt is then a token prefix of its full text, as §0.2 requires.
 */
public final class CharTokenizer implements TextTokenizer {

  /** Vocabulary size. */
  public static final int VOCAB = 32;

  @Override
  public int[] encode(String text, boolean addSpecialTokens) {
    int offset = addSpecialTokens ? 1 : 0;
    int[] ids = new int[text.length() + offset];
    if (addSpecialTokens) {
      ids[0] = bosId();
    }
    for (int i = 0; i < text.length(); i++) {
      ids[i + offset] = 3 + text.charAt(i) % (VOCAB - 3);
    }
    return ids;
  }

  @Override
  public String decode(int[] ids, boolean skipSpecialTokens) {
    throw new UnsupportedOperationException("not needed for encoding tests");
  }

  @Override
  public List<String> tokenize(String text) {
    List<String> pieces = new ArrayList<>();
    for (char c : text.toCharArray()) {
      pieces.add(String.valueOf(c));
    }
    return pieces;
  }

  @Override
  public int bosId() {
    return 1;
  }

  @Override
  public int eosId() {
    return 2;
  }

  @Override
  public int vocabSize() {
    return VOCAB;
  }

  @Override
  public void close() {}
}
