package io.lethe.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.data.tofu.TofuReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The TOFU benchmark for each forget split (needs the real TOFU files). */
class UnlearningBenchmarkTest {

  static TofuReader tofu() {
    String prop = System.getProperty("lethe.tofu.dir");
    Assumptions.assumeTrue(
        prop != null && Files.isRegularFile(Path.of(prop, "full.jsonl")),
        "TOFU data not found (system property lethe.tofu.dir=" + prop + "); skipping");
    return new TofuReader(Path.of(prop));
  }

  @Test
  void tofuForget05() throws IOException {
    UnlearningBenchmark b = UnlearningBenchmark.fromTofu(tofu(), ForgetSplit.FORGET05);
    assertThat(b.name()).isEqualTo("tofu/forget05");
    assertThat(b.training()).hasSize(4000);
    assertThat(b.forget()).hasSize(200).isEqualTo(b.training().subList(3800, 4000));
    assertThat(b.retain()).hasSize(3800).isEqualTo(b.training().subList(0, 3800));
    assertThat(b.evalSet(EvalSet.FORGET)).hasSize(200);
    assertThat(b.evalSet(EvalSet.RETAIN)).hasSize(400);
    assertThat(b.evalSet(EvalSet.REAL_AUTHORS)).hasSize(100);
    assertThat(b.evalSet(EvalSet.WORLD_FACTS)).hasSize(117);
    for (EvalSet set : EvalSet.values()) {
      assertThat(b.evalSet(set))
          .allMatch(r -> r.perturbedAnswers().size() == set.perturbedPerItem());
      assertThat(b.evalSet(set))
          .allMatch(r -> (r.paraphrasedAnswer() != null) == set.usesParaphrase());
    }
    for (int i = 0; i < 200; i++) {
      assertThat(b.evalSet(EvalSet.FORGET).get(i).question())
          .isEqualTo(b.forget().get(i).question());
    }
    assertThat(b.generalKnowledge()).hasSize(217);
    assertThat(b.refusals()).hasSize(100);
    assertThat(b.texts()).contains(b.refusals().get(0), b.forget().get(0).answer());
  }

  @Test
  void everySplitSize() throws IOException {
    TofuReader reader = tofu();
    for (ForgetSplit split : ForgetSplit.values()) {
      UnlearningBenchmark b = UnlearningBenchmark.fromTofu(reader, split);
      assertThat(b.forget()).hasSize(split.forgetCount(4000));
      assertThat(b.forget().size() + b.retain().size()).isEqualTo(4000);
    }
  }

  @Test
  void tofuContinualTasksOfForget01() throws IOException {
    TofuReader reader = tofu();
    List<QaItem> full = reader.read(io.lethe.data.tofu.TofuSplit.FULL);
    Set<QaItem> union = new HashSet<>();
    for (int t = 1; t <= 10; t++) {
      UnlearningBenchmark b =
          UnlearningBenchmark.fromTofu(reader, new ForgetTask(ForgetSplit.FORGET01, t));
      assertThat(b.forget()).hasSize(40).isEqualTo(full.subList(4000 - 40 * t, 4040 - 40 * t));
      assertThat(b.retain()).isEqualTo(full.subList(0, 4000 - 40 * t));
      assertThat(b.evalSet(EvalSet.FORGET).stream().map(QaItem::question).toList())
          .isEqualTo(b.forget().stream().map(QaItem::question).toList());
      union.addAll(b.forget());
    }
    // the same set as sail-sg's forget01 tasks 1..10 (continual_task_index.json): rows 3600..3999
    assertThat(union).containsExactlyInAnyOrderElementsOf(full.subList(3600, 4000));
    assertThatThrownBy(
            () -> UnlearningBenchmark.fromTofu(reader, new ForgetTask(ForgetSplit.FORGET01, 11)))
        .hasMessageContaining("forget01 has tasks 1..10");
  }

  @Test
  void splitNames() {
    assertThat(ForgetSplit.FORGET01.forgetName()).isEqualTo("forget01");
    assertThat(ForgetSplit.FORGET01.retainName()).isEqualTo("retain99");
    assertThat(ForgetSplit.FORGET10.forgetPerturbedName()).isEqualTo("forget10_perturbed");
    assertThat(ForgetSplit.FORGET05.holdoutName()).isEqualTo("holdout05");
    assertThat(ForgetSplit.parse("5")).isEqualTo(ForgetSplit.FORGET05);
    assertThat(ForgetSplit.parse("FORGET10")).isEqualTo(ForgetSplit.FORGET10);
    assertThat(ForgetSplit.FORGET01.forgetCount(4000)).isEqualTo(40);
    assertThat(ForgetSplit.FORGET01.forgetCount(200)).isEqualTo(2);
    assertThat(ForgetSplit.FORGET01.forgetCount(20)).isEqualTo(1);
  }
}
