package io.lethe.data.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lethe.data.text.BpeVocabulary.Merge;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serialises a {@link BpeVocabulary} as a standard Hugging Face {@code tokenizer.json} (plus a
 * {@code tokenizer_config.json}) that both the Rust tokenizer behind DJL and Python {@code
 * transformers} load unchanged.
 *
 * <p>Layout: BPE model (vocab + merges, no unk: byte-level covers every input), {@code ByteLevel}
 * pre-tokenizer with {@code add_prefix_space=false} and GPT-2's regex, {@code ByteLevel} decoder,
 * {@code <s>}/{@code </s>} as special added tokens, and a Llama-style {@code TemplateProcessing}
 * post-processor that prepends {@code <s>} only when special tokens are requested. Merges are
 * written as {@code "left right"} strings, the format every tokenizers version accepts (a
 * byte-level token never contains a plain space, so the split is unambiguous).
 */
public final class TokenizerJsonWriter {

  /** File name Hugging Face and DJL look for. */
  public static final String TOKENIZER_FILE = "tokenizer.json";

  /** Companion file naming BOS/EOS for {@code transformers} and for {@link HfTextTokenizer}. */
  public static final String CONFIG_FILE = "tokenizer_config.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private TokenizerJsonWriter() {}

  /**
   * Writes {@code tokenizer.json} and {@code tokenizer_config.json} into {@code directory} (created
   * if missing).
   *
   * @return the path of {@code tokenizer.json}
   */
  public static Path write(BpeVocabulary vocabulary, Path directory) throws IOException {
    Files.createDirectories(directory);
    Path tokenizerFile = directory.resolve(TOKENIZER_FILE);
    JSON.writeValue(tokenizerFile.toFile(), tokenizerJson(vocabulary));
    JSON.writeValue(directory.resolve(CONFIG_FILE).toFile(), tokenizerConfig(vocabulary));
    return tokenizerFile;
  }

  /** The {@code tokenizer.json} document as nested maps (insertion-ordered, as HF writes it). */
  static Map<String, Object> tokenizerJson(BpeVocabulary v) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("version", "1.0");
    root.put("truncation", null);
    root.put("padding", null);
    root.put(
        "added_tokens",
        List.of(addedToken(v.bosId(), v.bosToken()), addedToken(v.eosId(), v.eosToken())));
    root.put("normalizer", null);
    root.put("pre_tokenizer", byteLevel());
    root.put("post_processor", prependBos(v));
    root.put("decoder", byteLevel());
    root.put("model", bpeModel(v));
    return root;
  }

  private static Map<String, Object> addedToken(int id, String content) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("id", id);
    t.put("content", content);
    t.put("single_word", false);
    t.put("lstrip", false);
    t.put("rstrip", false);
    t.put("normalized", false);
    t.put("special", true);
    return t;
  }

  private static Map<String, Object> byteLevel() {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("type", "ByteLevel");
    b.put("add_prefix_space", false);
    b.put("trim_offsets", true);
    b.put("use_regex", true);
    return b;
  }

  private static Map<String, Object> prependBos(BpeVocabulary v) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("type", "TemplateProcessing");
    p.put("single", List.of(special(v.bosToken(), 0), sequence("A", 0)));
    p.put(
        "pair",
        List.of(
            special(v.bosToken(), 0),
            sequence("A", 0),
            special(v.bosToken(), 1),
            sequence("B", 1)));
    Map<String, Object> bos = new LinkedHashMap<>();
    bos.put("id", v.bosToken());
    bos.put("ids", List.of(v.bosId()));
    bos.put("tokens", List.of(v.bosToken()));
    p.put("special_tokens", Map.of(v.bosToken(), bos));
    return p;
  }

  private static Map<String, Object> special(String token, int typeId) {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("id", token);
    inner.put("type_id", typeId);
    return Map.of("SpecialToken", inner);
  }

  private static Map<String, Object> sequence(String id, int typeId) {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("id", id);
    inner.put("type_id", typeId);
    return Map.of("Sequence", inner);
  }

  private static Map<String, Object> bpeModel(BpeVocabulary v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "BPE");
    m.put("dropout", null);
    m.put("unk_token", null);
    m.put("continuing_subword_prefix", null);
    m.put("end_of_word_suffix", null);
    m.put("fuse_unk", false);
    m.put("byte_fallback", false);
    Map<String, Integer> vocab = new LinkedHashMap<>();
    for (int id = 0; id < v.tokens().size(); id++) {
      vocab.put(v.tokens().get(id), id);
    }
    m.put("vocab", vocab);
    List<String> merges = new ArrayList<>(v.merges().size());
    for (Merge merge : v.merges()) {
      merges.add(merge.left() + " " + merge.right());
    }
    m.put("merges", merges);
    return m;
  }

  private static Map<String, Object> tokenizerConfig(BpeVocabulary v) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("tokenizer_class", "PreTrainedTokenizerFast");
    c.put("bos_token", v.bosToken());
    c.put("eos_token", v.eosToken());
    // methods.md §0.2: pad_token := eos_token.
    c.put("pad_token", v.eosToken());
    // Decoding must give back the exact text (HF's clean-up would drop spaces before punctuation).
    c.put("clean_up_tokenization_spaces", false);
    return c;
  }
}
