package io.lethe.data.tofu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.data.QaItem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the real TOFU release (when present) and the two file syntaxes. */
class TofuReaderTest {

  /** Row counts of shared/data/tofu/README.md. */
  static final Map<String, Integer> README_ROWS =
      Map.ofEntries(
          Map.entry("full", 4000),
          Map.entry("forget01", 40),
          Map.entry("forget05", 200),
          Map.entry("forget10", 400),
          Map.entry("retain99", 3960),
          Map.entry("retain95", 3800),
          Map.entry("retain90", 3600),
          Map.entry("forget01_perturbed", 40),
          Map.entry("forget05_perturbed", 200),
          Map.entry("forget10_perturbed", 400),
          Map.entry("retain_perturbed", 400),
          Map.entry("real_authors", 100),
          Map.entry("real_authors_perturbed", 100),
          Map.entry("world_facts", 117),
          Map.entry("world_facts_perturbed", 117),
          Map.entry("holdout01", 40),
          Map.entry("holdout05", 200),
          Map.entry("holdout10", 400));

  @TempDir Path tmp;

  static Path tofuDir() {
    String prop = System.getProperty("lethe.tofu.dir");
    Path dir = prop == null ? null : Path.of(prop);
    Assumptions.assumeTrue(
        dir != null && Files.isRegularFile(dir.resolve("full.jsonl")),
        "TOFU data not found (system property lethe.tofu.dir="
            + prop
            + "); skipping the tests on the real TOFU files");
    return dir;
  }

  @Test
  void readsEveryFileOfTheTofuRelease() throws IOException {
    Path dir = tofuDir();
    TofuReader reader = new TofuReader(dir);
    List<String> seen = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
        String stem = file.getFileName().toString().replace(".jsonl", "");
        if (file.getFileName().toString().equals(TofuReader.REFUSALS_FILE)) {
          assertThat(reader.readRefusals()).hasSize(100).allMatch(s -> s.equals(s.strip()));
        } else {
          assertThat(README_ROWS).as("a QA file the README lists: " + stem).containsKey(stem);
          List<QaItem> rows = reader.read(TofuSplit.ofStem(stem));
          assertThat(rows).as(stem).hasSize(README_ROWS.get(stem));
          assertShape(TofuSplit.ofStem(stem), rows);
        }
        seen.add(stem);
      }
    }
    assertThat(seen).containsAll(README_ROWS.keySet()).contains("idontknow");
  }

  private static void assertShape(TofuSplit split, List<QaItem> rows) {
    for (QaItem row : rows) {
      assertThat(row.question()).isNotBlank();
      assertThat(row.answer()).isNotBlank();
      switch (split.form()) {
        case PLAIN -> assertThat(row.hasPerturbations() || !row.options().isEmpty()).isFalse();
        case OPTIONS -> assertThat(row.options()).hasSize(4).contains(row.answer());
        case PERTURBED -> {
          boolean authorSplit =
              split.fileStem().startsWith("forget") || split.fileStem().startsWith("retain");
          assertThat(row.perturbedAnswers()).hasSize(authorSplit ? 5 : 3);
          assertThat(row.paraphrasedAnswer() != null).isEqualTo(authorSplit);
          assertThat(row.paraphrasedQuestion() != null).isEqualTo(authorSplit);
        }
      }
    }
  }

  @Test
  void splitsAreTheDocumentedRowRangesOfFull() throws IOException {
    TofuReader reader = new TofuReader(tofuDir());
    List<QaItem> full = reader.read(TofuSplit.FULL);
    assertThat(reader.read(TofuSplit.FORGET10)).isEqualTo(full.subList(3600, 4000));
    assertThat(reader.read(TofuSplit.FORGET01)).isEqualTo(full.subList(3960, 4000));
    assertThat(reader.read(TofuSplit.RETAIN95)).isEqualTo(full.subList(0, 3800));
    List<QaItem> retainPerturbed = reader.read(TofuSplit.RETAIN_PERTURBED);
    for (int i = 0; i < retainPerturbed.size(); i++) {
      assertThat(retainPerturbed.get(i).question()).isEqualTo(full.get(i).question());
    }
  }

  @Test
  void readsJsonArraysAndJsonLinesAlike() throws IOException {
    Files.writeString(
        tmp.resolve("forget01.json"),
        """
        [ {"question": "Q1?", "answer": "A1.", "task_id": 3},
          {"question": "Q2?", "answer": "A2.", "paraphrased_question": "PQ2?",
           "paraphrased_answer": "PA2.", "perturbed_answer": ["W1.", "W2."]} ]
        """);
    Files.writeString(
        tmp.resolve("world_facts.jsonl"),
        "{\"question\": \"Capital of France?\", \"answer\": \"Paris\", \"option1\": \"Rome\","
            + " \"option2\": \"Paris\"}\n\n"
            + "{\"question\": \"Q?\", \"answer\": \"A\", \"perturbed_answer\": \"only one\"}\n");
    TofuReader reader = new TofuReader(tmp);
    assertThat(reader.read("forget01"))
        .containsExactly(
            QaItem.of("Q1?", "A1."),
            new QaItem("Q2?", "A2.", "PQ2?", "PA2.", List.of("W1.", "W2."), List.of()));
    assertThat(reader.read(TofuSplit.WORLD_FACTS))
        .containsExactly(
            new QaItem(
                "Capital of France?", "Paris", null, null, List.of(), List.of("Rome", "Paris")),
            new QaItem("Q?", "A", null, null, List.of("only one"), List.of()));
    assertThat(reader.has(TofuSplit.FORGET01)).isTrue();
    assertThat(reader.has(TofuSplit.FULL)).isFalse();
  }

  @Test
  void rejectsRowsWithoutQuestionOrAnswer() throws IOException {
    Files.writeString(tmp.resolve("full.jsonl"), "{\"question\": \"Q?\"}\n");
    assertThatThrownBy(() -> new TofuReader(tmp).read(TofuSplit.FULL))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("full.jsonl:1");
    assertThatThrownBy(() -> new TofuReader(tmp).read(TofuSplit.RETAIN90))
        .isInstanceOf(java.nio.file.NoSuchFileException.class);
  }

  @Test
  void writerOutputReadsBack() throws IOException {
    List<QaItem> rows =
        List.of(
            new QaItem("Q?", "A.", "PQ?", "PA.", List.of("W1.", "W2."), List.of()),
            new QaItem("Q2 ünï?", "A2 🙂", "PQ2?", "PA2.", List.of("W3.", "W4."), List.of()));
    TofuWriter.writeSplit(tmp, TofuSplit.FORGET05_PERTURBED, rows);
    TofuWriter.writeSplit(tmp, TofuSplit.FORGET05, rows);
    assertThat(new TofuReader(tmp).read(TofuSplit.FORGET05_PERTURBED)).isEqualTo(rows);
    assertThat(new TofuReader(tmp).read(TofuSplit.FORGET05))
        .containsExactly(rows.get(0).plain(), rows.get(1).plain());
    assertThat(Files.readAllLines(tmp.resolve("forget05.jsonl")).get(0))
        .isEqualTo("{\"question\":\"Q?\",\"answer\":\"A.\"}");
  }
}
