package io.lethe.data.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@link TextTokenizer} over DJL's {@link HuggingFaceTokenizer}: loads any {@code tokenizer.json}
 * (the one {@link ByteLevelBpeTrainer} writes for the tiny model, or a real checkpoint's) and
 * behaves like {@code transformers}' fast tokenizer called with explicit {@code
 * add_special_tokens}, no truncation and no padding — §0.2 of methods.md does its own truncation
 * and padding.
 *
 * <p>BOS and EOS come from {@code tokenizer_config.json} next to the file when present (as in
 * {@code transformers}), otherwise from {@code tokenizer.json} itself (see {@link
 * TokenizerJsonInfo}), or can be named explicitly.
 */
public final class HfTextTokenizer implements TextTokenizer {

  private final HuggingFaceTokenizer tokenizer;
  private final int bosId;
  private final int eosId;
  private final int vocabSize;

  private HfTextTokenizer(HuggingFaceTokenizer tokenizer, int bosId, int eosId, int vocabSize) {
    this.tokenizer = tokenizer;
    this.bosId = bosId;
    this.eosId = eosId;
    this.vocabSize = vocabSize;
  }

  /**
   * Loads a tokenizer from a {@code tokenizer.json} file or from a directory holding one, taking
   * BOS/EOS from the tokenizer's own configuration.
   */
  public static HfTextTokenizer load(Path path) throws IOException {
    return load(path, null, null);
  }

  /**
   * Loads a tokenizer with explicitly named BOS/EOS tokens ({@code null} = take them from the
   * configuration).
   *
   * @param path a {@code tokenizer.json} file or a directory holding one
   * @param bosToken content of the BOS token, e.g. {@code "<s>"}, or {@code null}
   * @param eosToken content of the EOS token, e.g. {@code "</s>"}, or {@code null}
   */
  public static HfTextTokenizer load(Path path, String bosToken, String eosToken)
      throws IOException {
    Path file = Files.isDirectory(path) ? path.resolve(TokenizerJsonWriter.TOKENIZER_FILE) : path;
    TokenizerJsonInfo info = TokenizerJsonInfo.read(file);
    int bos = info.idOf(bosToken != null ? bosToken : info.defaultBosToken());
    int eos = info.idOf(eosToken != null ? eosToken : info.defaultEosToken());
    // Per-call add_special_tokens is passed to every encode; these options switch off DJL's
    // defaults
    // (truncation to 512 and padding to the longest), which would otherwise alter the ids.
    HuggingFaceTokenizer hf =
        HuggingFaceTokenizer.newInstance(
            file, Map.of("addSpecialTokens", "true", "truncation", "false", "padding", "false"));
    return new HfTextTokenizer(hf, bos, eos, info.vocabSize());
  }

  @Override
  public int[] encode(String text, boolean addSpecialTokens) {
    Encoding encoding = tokenizer.encode(text, addSpecialTokens, false);
    return Arrays.stream(encoding.getIds()).mapToInt(Math::toIntExact).toArray();
  }

  @Override
  public String decode(int[] ids, boolean skipSpecialTokens) {
    long[] longIds = Arrays.stream(ids).asLongStream().toArray();
    return tokenizer.decode(longIds, skipSpecialTokens);
  }

  @Override
  public List<String> tokenize(String text) {
    return List.of(tokenizer.encode(text, false, false).getTokens());
  }

  @Override
  public int bosId() {
    return bosId;
  }

  @Override
  public int eosId() {
    return eosId;
  }

  @Override
  public int vocabSize() {
    return vocabSize;
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
