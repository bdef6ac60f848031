package io.lethe.evaluator.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.evaluator.service.OriginalAnswers.StoredAnswer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Step-0 answers survive a restart of the evaluator. */
class OriginalAnswerStoreTest {

  @TempDir Path dir;

  @Test
  void aNewStoreOverTheSameDirectoryFindsTheAnswers() throws Exception {
    OriginalAnswers answers =
        new OriginalAnswers(
            "job/with:odd chars",
            Map.of(
                "real_authors",
                Map.of(3, new StoredAnswer("Who wrote Emma?", "Jane Austen wrote Emma."))));
    new OriginalAnswerStore(dir, 4).remember(answers);

    OriginalAnswers restored = new OriginalAnswerStore(dir, 4).find("job/with:odd chars");

    assertThat(restored).isEqualTo(answers);
    assertThat(restored.answer("real_authors", 3, "Who wrote Emma?"))
        .contains("Jane Austen wrote Emma.");
    assertThat(restored.answer("real_authors", 3, "Who wrote Ulysses?")).isEmpty();
    try (var files = Files.list(dir)) {
      assertThat(files).hasSize(1).allMatch(f -> f.getFileName().toString().endsWith(".json"));
    }
  }

  @Test
  void anUnknownJobHasNoAnswers() {
    assertThat(new OriginalAnswerStore(dir, 4).find("never-seen").answers()).isEmpty();
  }
}
