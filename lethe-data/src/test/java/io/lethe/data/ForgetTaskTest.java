package io.lethe.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.data.synthetic.FictitiousAuthorDataset;
import io.lethe.data.synthetic.FictitiousAuthorGenerator;
import io.lethe.data.tofu.TofuReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The continual task partition on hand-checkable sizes: 20 authors × 10 questions = 200 rows. */
class ForgetTaskTest {

  static final FictitiousAuthorDataset DATA =
      new FictitiousAuthorGenerator(1001, 20, 10).generate();

  @Test
  void blocksCountBackFromTheLastRow() {
    // forget01 of 200 rows: 2 rows per task; task 1 = rows 198..199, task 2 = 196..197
    ForgetTask two = new ForgetTask(ForgetSplit.FORGET01, 2);
    assertThat(two.forgetFrom(200)).isEqualTo(196);
    assertThat(two.forgetTo(200)).isEqualTo(198);
    // forget10: 20 rows per task; task 9 = rows 20..39, just after the 20 retain-evaluation rows
    assertThat(new ForgetTask(ForgetSplit.FORGET10, 9).forgetFrom(200)).isEqualTo(20);
    assertThat(ForgetTask.maxTask(ForgetSplit.FORGET10, 200)).isEqualTo(9);
    assertThat(ForgetTask.maxTask(ForgetSplit.FORGET05, 200)).isEqualTo(18);
    assertThat(ForgetTask.maxTask(ForgetSplit.FORGET01, 200)).isEqualTo(90);
    assertThat(ForgetTask.maxTask(ForgetSplit.FORGET01, 4000)).isEqualTo(90);
  }

  @Test
  void taskOneIsTodaysSplit() {
    for (ForgetSplit split : ForgetSplit.values()) {
      UnlearningBenchmark task1 = DATA.toBenchmark(new ForgetTask(split, 1));
      assertThat(task1).isEqualTo(DATA.toBenchmark(split));
      assertThat(task1.forget()).isEqualTo(DATA.forget(split));
      assertThat(task1.retain()).isEqualTo(DATA.retain(split));
      assertThat(task1.name()).isEqualTo("fictitious-authors/seed1001/" + split.forgetName());
    }
  }

  @Test
  void tasksAreDisjointAndRetainExcludesEarlierTasks() {
    List<QaItem> full = DATA.full();
    Set<QaItem> forgotten = new HashSet<>();
    for (int t = 1; t <= 10; t++) {
      UnlearningBenchmark b = DATA.toBenchmark(new ForgetTask(ForgetSplit.FORGET01, t));
      assertThat(b.forget()).hasSize(2).isEqualTo(full.subList(200 - 2 * t, 202 - 2 * t));
      assertThat(b.forget()).noneMatch(forgotten::contains);
      forgotten.addAll(b.forget());
      // retain = rows before the block: neither this task's nor any earlier task's rows
      assertThat(b.retain()).isEqualTo(full.subList(0, 200 - 2 * t));
      assertThat(b.retain()).noneMatch(forgotten::contains);
      assertThat(b.evalSet(EvalSet.FORGET).stream().map(QaItem::question))
          .containsExactlyElementsOf(b.forget().stream().map(QaItem::question).toList());
      assertThat(b.evalSet(EvalSet.RETAIN)).hasSize(20);
      assertThat(b.training()).isEqualTo(full);
    }
    assertThat(forgotten).hasSize(20).containsExactlyInAnyOrderElementsOf(full.subList(180, 200));
    assertThat(DATA.toBenchmark(new ForgetTask(ForgetSplit.FORGET01, 3)).name())
        .isEqualTo("fictitious-authors/seed1001/forget01/task3");
  }

  @Test
  void tasksBeyondTheDataAreRefusedClearly() {
    assertThatThrownBy(() -> DATA.toBenchmark(new ForgetTask(ForgetSplit.FORGET10, 10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dataset.task 10 does not exist for forget10 of 200 rows")
        .hasMessageContaining("tasks are 1..9");
    assertThatThrownBy(() -> new ForgetTask(ForgetSplit.FORGET01, 0))
        .hasMessageContaining("dataset.task must be ≥ 1");
    assertThatThrownBy(
            () -> new BenchmarkSource("builtin", null, "forget05", null, null, null, 19).load())
        .hasMessageContaining("tasks are 1..18");
  }

  @Test
  void theSourceCarriesTheTaskIntoItsRowsAndItsCacheKey() {
    BenchmarkSource task2 = new BenchmarkSource("builtin", null, "forget01", null, null, null, 2);
    BenchmarkSource task1 = new BenchmarkSource("builtin", null, "forget01", null, null, null);
    assertThat(task2.cacheKey()).isNotEqualTo(task1.cacheKey());
    assertThat(task1.cacheKey())
        .isEqualTo(
            new BenchmarkSource("builtin", null, "forget01", null, null, null, 1).cacheKey());
    assertThat(task2.load().forget()).isEqualTo(DATA.full().subList(196, 198));
  }

  @Test
  void aTofuDirectoryUsesTheSameBlocksAndEvaluatesFromForget10Perturbed(@TempDir Path dir)
      throws IOException {
    DATA.writeTofu(dir);
    TofuReader reader = new TofuReader(dir);
    UnlearningBenchmark task1 =
        UnlearningBenchmark.fromTofu(reader, new ForgetTask(ForgetSplit.FORGET01, 1));
    assertThat(task1).isEqualTo(UnlearningBenchmark.fromTofu(reader, ForgetSplit.FORGET01));
    for (int t = 2; t <= 10; t++) {
      UnlearningBenchmark fromFiles =
          UnlearningBenchmark.fromTofu(reader, new ForgetTask(ForgetSplit.FORGET01, t));
      UnlearningBenchmark generated = DATA.toBenchmark(new ForgetTask(ForgetSplit.FORGET01, t));
      assertThat(fromFiles.name()).isEqualTo("tofu/forget01/task" + t);
      assertThat(fromFiles.forget()).isEqualTo(generated.forget());
      assertThat(fromFiles.retain()).isEqualTo(generated.retain());
      assertThat(fromFiles.evalSet(EvalSet.FORGET)).isEqualTo(generated.evalSet(EvalSet.FORGET));
    }
    // forget10_perturbed holds the last 20 rows: forget01 has 10 tasks here, forget05 2
    assertThatThrownBy(
            () -> UnlearningBenchmark.fromTofu(reader, new ForgetTask(ForgetSplit.FORGET01, 11)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only for rows 180..199 (forget10_perturbed.jsonl)")
        .hasMessageContaining("forget01 has tasks 1..10");
    assertThat(
            UnlearningBenchmark.fromTofu(reader, new ForgetTask(ForgetSplit.FORGET05, 2)).forget())
        .isEqualTo(DATA.full().subList(180, 190));
    // a subset directory with only forget10's files derives task 1 of forget01 by the same rule
    Files.delete(dir.resolve("forget01.jsonl"));
    assertThat(
            UnlearningBenchmark.fromTofu(
                new TofuReader(dir), ForgetTask.first(ForgetSplit.FORGET01)))
        .isEqualTo(task1);
  }
}
