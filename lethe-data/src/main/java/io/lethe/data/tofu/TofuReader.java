package io.lethe.data.tofu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lethe.data.QaItem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads TOFU-format QA files (JSON array or JSON Lines, TOFU's key names) from any directory — the
 * real TOFU release, a sail-sg style reorganised copy, or a dataset written by {@link TofuWriter} —
 * so every Lethe dataset enters through one format.
 *
 * <p>A split {@code name} is looked up as {@code name.jsonl}, then {@code name.json}. Unknown keys
 * ({@code task_id}, {@code original_answer}, …) are ignored.
 */
public final class TofuReader {

  /**
   * TOFU's refusal templates: plain text, one sentence per line (not JSON despite the extension).
   */
  public static final String REFUSALS_FILE = "idontknow.jsonl";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path directory;

  /** A reader over the files of {@code directory}. */
  public TofuReader(Path directory) {
    this.directory = directory;
  }

  /** The directory read from. */
  public Path directory() {
    return directory;
  }

  /** Whether the directory holds {@code split}. */
  public boolean has(TofuSplit split) {
    return has(split.fileStem());
  }

  /** Whether the directory holds {@code name.jsonl} or {@code name.json}. */
  public boolean has(String name) {
    return Files.isRegularFile(directory.resolve(name + ".jsonl"))
        || Files.isRegularFile(directory.resolve(name + ".json"));
  }

  /** All rows of {@code split}, in file order. */
  public List<QaItem> read(TofuSplit split) throws IOException {
    return read(split.fileStem());
  }

  /**
   * All rows of the split file {@code name} ({@code name.jsonl} or {@code name.json}), in file
   * order.
   */
  public List<QaItem> read(String name) throws IOException {
    Path jsonl = directory.resolve(name + ".jsonl");
    if (Files.isRegularFile(jsonl)) {
      return readFile(jsonl);
    }
    Path json = directory.resolve(name + ".json");
    if (Files.isRegularFile(json)) {
      return readFile(json);
    }
    throw new NoSuchFileException(jsonl + " (or .json)");
  }

  /**
   * The refusal templates of {@link #REFUSALS_FILE}, each stripped as sail-sg strips them
   * (methods.md §1.2).
   */
  public List<String> readRefusals() throws IOException {
    return readLines(directory.resolve(REFUSALS_FILE));
  }

  /** Non-blank lines of a plain-text file, stripped of surrounding whitespace. */
  public static List<String> readLines(Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String stripped = line.strip();
      if (!stripped.isEmpty()) {
        lines.add(stripped);
      }
    }
    return List.copyOf(lines);
  }

  /** Rows of one file: a JSON array of objects, or one JSON object per line. */
  public static List<QaItem> readFile(Path file) throws IOException {
    String content = Files.readString(file, StandardCharsets.UTF_8);
    String trimmed = content.stripLeading();
    if (trimmed.startsWith("\uFEFF")) {
      trimmed = trimmed.substring(1).stripLeading();
    }
    List<QaItem> rows = new ArrayList<>();
    if (trimmed.startsWith("[")) {
      for (JsonNode row : JSON.readTree(trimmed)) {
        rows.add(parseRow(row, file));
      }
    } else {
      int lineNo = 0;
      for (String line : trimmed.split("\n")) {
        lineNo++;
        if (!line.isBlank()) {
          try {
            rows.add(parseRow(JSON.readTree(line), file));
          } catch (IOException | IllegalArgumentException e) {
            throw new IOException(file + ":" + lineNo + ": " + e.getMessage(), e);
          }
        }
      }
    }
    return List.copyOf(rows);
  }

  /** One TOFU row: {@code question}, {@code answer} and the optional fields of {@link QaItem}. */
  static QaItem parseRow(JsonNode row, Path file) {
    if (!row.path("question").isTextual() || !row.path("answer").isTextual()) {
      throw new IllegalArgumentException(
          "row without textual question/answer in " + file + ": " + truncate(row.toString()));
    }
    List<String> perturbed = new ArrayList<>();
    JsonNode p = row.path("perturbed_answer");
    if (p.isArray()) {
      p.forEach(a -> perturbed.add(a.asText()));
    } else if (p.isTextual()) {
      perturbed.add(p.asText());
    }
    List<String> options = new ArrayList<>();
    for (int i = 1; row.path("option" + i).isTextual(); i++) {
      options.add(row.path("option" + i).asText());
    }
    return new QaItem(
        row.get("question").asText(),
        row.get("answer").asText(),
        textOrNull(row.path("paraphrased_question")),
        textOrNull(row.path("paraphrased_answer")),
        perturbed,
        options);
  }

  private static String textOrNull(JsonNode node) {
    return node.isTextual() ? node.asText() : null;
  }

  private static String truncate(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "…" : s;
  }
}
