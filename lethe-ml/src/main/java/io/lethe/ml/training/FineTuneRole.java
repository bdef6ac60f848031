package io.lethe.ml.training;

import io.lethe.data.QaItem;
import io.lethe.data.UnlearningBenchmark;
import java.util.ArrayList;
import java.util.List;

/**
 * Which of the two models of the TOFU protocol a fine-tune builds (methods.md §3.1): the target
 * model that unlearning starts from, or the retain reference model ("oracle") that forget quality
 * compares against. Both also learn the general-knowledge rows, because a model trained from
 * scratch knows nothing of the real-author and world-fact sets that model utility measures.
 */
public enum FineTuneRole {
  /** Trained on {@code full} (retain ∪ forget) and the general-knowledge rows. */
  TARGET,
  /** Trained on {@code retainYY} and the general-knowledge rows: never sees the forget authors. */
  RETAIN;

  /** The rows this model is trained on, author rows first, in the benchmark's order. */
  public List<QaItem> rows(UnlearningBenchmark benchmark) {
    List<QaItem> rows = new ArrayList<>(this == TARGET ? benchmark.training() : benchmark.retain());
    rows.addAll(benchmark.generalKnowledge());
    return List.copyOf(rows);
  }
}
