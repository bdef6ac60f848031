package io.lethe.data.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What DJL's tokenizer API does not expose but Lethe needs: token ids of named special tokens, the
 * vocabulary size ({@code len(tokenizer)} in {@code transformers}), and which tokens are BOS/EOS —
 * read from {@code tokenizer.json} and the optional {@code tokenizer_config.json} beside it.
 */
final class TokenizerJsonInfo {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * EOS candidates, in order, when no {@code tokenizer_config.json} names one (Llama 2, Llama 3,
   * GPT-2/phi).
   */
  private static final List<String> KNOWN_EOS = List.of("</s>", "<|end_of_text|>", "<|endoftext|>");

  private final JsonNode tokenizer;
  private final JsonNode config;

  private TokenizerJsonInfo(JsonNode tokenizer, JsonNode config) {
    this.tokenizer = tokenizer;
    this.config = config;
  }

  static TokenizerJsonInfo read(Path tokenizerFile) throws IOException {
    JsonNode tokenizer = JSON.readTree(tokenizerFile.toFile());
    Path dir = tokenizerFile.toAbsolutePath().getParent();
    Path configFile = dir == null ? null : dir.resolve(TokenizerJsonWriter.CONFIG_FILE);
    JsonNode config =
        configFile != null && Files.isRegularFile(configFile)
            ? JSON.readTree(configFile.toFile())
            : JSON.createObjectNode();
    return new TokenizerJsonInfo(tokenizer, config);
  }

  /** Id of {@code token} among the added tokens or the model vocabulary. */
  int idOf(String token) {
    for (JsonNode added : tokenizer.path("added_tokens")) {
      if (token.equals(added.path("content").asText(null))) {
        return added.path("id").asInt();
      }
    }
    JsonNode vocab = tokenizer.path("model").path("vocab");
    if (vocab.isObject() && vocab.has(token)) {
      return vocab.get(token).asInt();
    }
    if (vocab.isArray()) { // Unigram: [[piece, score], ...], id = position
      for (int i = 0; i < vocab.size(); i++) {
        if (token.equals(vocab.get(i).path(0).asText(null))) {
          return i;
        }
      }
    }
    throw new IllegalArgumentException("token not in tokenizer: " + token);
  }

  /**
   * {@code len(tokenizer)}: one more than the largest id of the model vocabulary and the added
   * tokens.
   */
  int vocabSize() {
    int max = -1;
    JsonNode vocab = tokenizer.path("model").path("vocab");
    if (vocab.isArray()) {
      max = vocab.size() - 1;
    } else {
      for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
        max = Math.max(max, it.next().getValue().asInt());
      }
    }
    for (JsonNode added : tokenizer.path("added_tokens")) {
      max = Math.max(max, added.path("id").asInt());
    }
    return max + 1;
  }

  /**
   * BOS: the config's {@code bos_token}, else the first special token the post-processor prepends.
   */
  String defaultBosToken() {
    String fromConfig = tokenContent(config.path("bos_token"));
    if (fromConfig != null) {
      return fromConfig;
    }
    String prepended = firstPrependedSpecial(tokenizer.path("post_processor"));
    if (prepended != null) {
      return prepended;
    }
    throw new IllegalArgumentException(
        "cannot tell the BOS token: no tokenizer_config.json and no TemplateProcessing; name it explicitly");
  }

  /**
   * EOS: the config's {@code eos_token}, else the first known EOS name among the special added
   * tokens.
   */
  String defaultEosToken() {
    String fromConfig = tokenContent(config.path("eos_token"));
    if (fromConfig != null) {
      return fromConfig;
    }
    for (String candidate : KNOWN_EOS) {
      for (JsonNode added : tokenizer.path("added_tokens")) {
        if (added.path("special").asBoolean() && candidate.equals(added.path("content").asText())) {
          return candidate;
        }
      }
    }
    throw new IllegalArgumentException(
        "cannot tell the EOS token: no tokenizer_config.json and no known EOS token; name it explicitly");
  }

  /**
   * {@code "<s>"} or {@code {"content": "<s>", ...}} (both forms occur in tokenizer_config.json).
   */
  private static String tokenContent(JsonNode node) {
    if (node.isTextual()) {
      return node.asText();
    }
    if (node.isObject() && node.path("content").isTextual()) {
      return node.path("content").asText();
    }
    return null;
  }

  private static String firstPrependedSpecial(JsonNode processor) {
    String type = processor.path("type").asText("");
    if (type.equals("Sequence")) {
      for (JsonNode inner : processor.path("processors")) {
        String found = firstPrependedSpecial(inner);
        if (found != null) {
          return found;
        }
      }
      return null;
    }
    if (!type.equals("TemplateProcessing")) {
      return null;
    }
    JsonNode first = processor.path("single").path(0);
    if (!first.has("SpecialToken")) {
      return null;
    }
    String id = first.path("SpecialToken").path("id").asText();
    JsonNode tokens = processor.path("special_tokens").path(id).path("tokens");
    return tokens.isArray() && tokens.size() > 0 ? tokens.get(0).asText() : id;
  }
}
