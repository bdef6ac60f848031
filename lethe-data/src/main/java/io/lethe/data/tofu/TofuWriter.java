package io.lethe.data.tofu;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lethe.data.QaItem;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes QA rows as TOFU-format JSON Lines (TOFU's file names and key names), so a generated
 * dataset can be inspected, shipped and read back by {@link TofuReader} or by the Python TOFU
 * tooling unchanged.
 */
public final class TofuWriter {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TofuWriter() {}

  /** Writes {@code rows} as {@code directory/<split>.jsonl} in the row shape of {@code split}. */
  public static Path writeSplit(Path directory, TofuSplit split, List<QaItem> rows)
      throws IOException {
    Files.createDirectories(directory);
    Path file = directory.resolve(split.fileName());
    write(file, rows, split.form());
    return file;
  }

  /**
   * Writes {@code rows} to {@code file}, one JSON object per line, with the fields of {@code form}.
   */
  public static void write(Path file, List<QaItem> rows, TofuSplit.Form form) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (QaItem row : rows) {
        out.write(toJson(row, form));
        out.write('\n');
      }
    }
  }

  /** Writes refusal templates as {@link TofuReader#REFUSALS_FILE}: plain text, one per line. */
  public static Path writeRefusals(Path directory, List<String> refusals) throws IOException {
    Files.createDirectories(directory);
    Path file = directory.resolve(TofuReader.REFUSALS_FILE);
    for (String refusal : refusals) {
      if (refusal.contains("\n") || refusal.isBlank()) {
        throw new IllegalArgumentException("a refusal must be one non-blank line: " + refusal);
      }
    }
    Files.write(file, refusals, StandardCharsets.UTF_8);
    return file;
  }

  static String toJson(QaItem row, TofuSplit.Form form) throws JsonProcessingException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("question", row.question());
    json.put("answer", row.answer());
    switch (form) {
      case PLAIN -> {}
      case OPTIONS -> {
        if (row.options().isEmpty()) {
          throw new IllegalArgumentException("OPTIONS row without options: " + row.question());
        }
        for (int i = 0; i < row.options().size(); i++) {
          json.put("option" + (i + 1), row.options().get(i));
        }
      }
      case PERTURBED -> {
        if (!row.hasPerturbations()) {
          throw new IllegalArgumentException(
              "PERTURBED row without perturbed answers: " + row.question());
        }
        if (row.paraphrasedQuestion() != null) {
          json.put("paraphrased_question", row.paraphrasedQuestion());
        }
        if (row.paraphrasedAnswer() != null) {
          json.put("paraphrased_answer", row.paraphrasedAnswer());
        }
        json.put("perturbed_answer", row.perturbedAnswers());
      }
    }
    return JSON.writeValueAsString(json);
  }
}
