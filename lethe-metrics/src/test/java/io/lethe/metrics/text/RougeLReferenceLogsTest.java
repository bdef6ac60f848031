package io.lethe.metrics.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Recomputes every {@code rougeL_recall} of TOFU's published Llama-2 evaluation logs from their
 * {@code generated_text} (question, generation, gold answer) and requires exact equality: the logs
 * were produced by rouge_score + NLTK, so this pins tokenizer, stemmer and LCS together.
 */
class RougeLReferenceLogsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "llama2-7b_full_wd0.01_forget10_eval_log_aggregated.json",
        "llama2-7b_retain90_wd0.01_forget10_eval_log_aggregated.json"
      })
  void reproducesEveryLoggedRougeLRecall(String fileName) throws IOException {
    Path file =
        Path.of(System.getProperty("lethe.tofu.dir", "../shared/data/tofu"))
            .resolve("reference_eval_logs")
            .resolve(fileName);
    assumeTrue(Files.isRegularFile(file), "TOFU reference eval log absent: " + file);
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    RougeL rouge = RougeL.tofu();
    List<String> mismatches = new ArrayList<>();
    int items = 0;
    Iterator<Map.Entry<String, JsonNode>> sets = root.fields();
    while (sets.hasNext()) {
      Map.Entry<String, JsonNode> set = sets.next();
      JsonNode generated = set.getValue().get("generated_text");
      JsonNode logged = set.getValue().get("rougeL_recall");
      Iterator<String> indices = generated.fieldNames();
      while (indices.hasNext()) {
        String index = indices.next();
        JsonNode triple = generated.get(index);
        double recall = rouge.recall(triple.get(2).asText(), triple.get(1).asText());
        if (recall != logged.get(index).asDouble()) {
          mismatches.add(set.getKey() + "[" + index + "]: " + recall + " vs " + logged.get(index));
        }
        items++;
      }
    }
    assertThat(items).isEqualTo(817);
    assertThat(mismatches).isEmpty();
  }
}
