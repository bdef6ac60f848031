package io.lethe.evaluator.inference;

import io.lethe.metrics.closerlook.NliLabel;
import io.lethe.metrics.closerlook.NliPair;
import java.util.List;
import java.util.Optional;

/**
 * The natural-language-inference model behind closer-look's entailment score (methods.md §1.7 item
 * 6: {@code sileod/deberta-v3-base-tasksource-nli}, top-1 label per (premise, hypothesis)). Without
 * one the entailment score is reported as not computed, never approximated.
 */
public interface NliClassifier {

  /** Why no labels can be produced, or empty when a model is ready. */
  Optional<String> unavailableReason();

  /**
   * The top-1 label of each pair, in order.
   *
   * @throws IllegalStateException if {@link #unavailableReason()} is present
   */
  List<NliLabel> classify(List<NliPair> pairs);
}
