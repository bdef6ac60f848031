package io.lethe.generator.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * Ids of a tokenizer's special tokens (the {@code added_tokens} marked {@code special} in {@code
 * tokenizer.json}). Generated token ids are published without them, as HF's {@code
 * skip_special_tokens} decode drops them from the text: token entropy must count the same pieces
 * the text shows.
 */
public final class SpecialTokenIds {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SpecialTokenIds() {}

  /** The special ids declared in {@code tokenizerJson}. */
  public static Set<Integer> read(Path tokenizerJson) throws IOException {
    JsonNode root = JSON.readTree(tokenizerJson.toFile());
    Set<Integer> ids = new TreeSet<>();
    for (JsonNode added : root.path("added_tokens")) {
      if (added.path("special").asBoolean(false) && added.has("id")) {
        ids.add(added.get("id").asInt());
      }
    }
    return Set.copyOf(ids);
  }
}
