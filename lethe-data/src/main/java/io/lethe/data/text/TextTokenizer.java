package io.lethe.data.text;

import java.util.List;

/**
 * The one tokenizer abstraction of Lethe: every model (the built-in tiny model and any real
 * Llama-family checkpoint) is read through a Hugging Face {@code tokenizer.json}, so encoding,
 * decoding and token counting behave the same everywhere.
 */
public interface TextTokenizer extends AutoCloseable {

  /**
   * Token ids of {@code text}; with {@code addSpecialTokens} the tokenizer's post-processor adds
   * BOS (as HF's {@code tokenizer(text, add_special_tokens=True)} does).
   */
  int[] encode(String text, boolean addSpecialTokens);

  /**
   * Text of {@code ids}; with {@code skipSpecialTokens} BOS/EOS/pad are dropped (HF {@code
   * skip_special_tokens}).
   */
  String decode(int[] ids, boolean skipSpecialTokens);

  /**
   * Sub-word pieces of {@code text} without special tokens (used by token entropy, methods.md
   * §1.7).
   */
  List<String> tokenize(String text);

  /** Id of the beginning-of-sequence token. */
  int bosId();

  /**
   * Id of the end-of-sequence token; also the padding id (pad_token := eos_token, methods.md §0.2).
   */
  int eosId();

  /** Size of the vocabulary including special tokens. */
  int vocabSize();

  @Override
  void close();
}
