package io.lethe.metrics.closerlook;

import io.lethe.metrics.tofu.TofuEvalSet;

/**
 * The (premise, hypothesis) order in which closer-look feeds a generation and its reference to the
 * NLI model ({@code metrics.py::get_entailment_results}, methods.md §1.7 item 6). The order
 * matters: entailment is directional.
 *
 * @param premise the NLI {@code text}
 * @param hypothesis the NLI {@code text_pair}
 */
public record NliPair(String premise, String hypothesis) {

  /**
   * TOFU scenario: on the forget set the generation must entail the gold answer (premise =
   * generation); on retain the gold answer must entail the generation; on real authors / world
   * facts the pre-unlearning answer ({@code original_answer}) must entail the generation.
   *
   * @param set the evaluation set
   * @param generation the generated answer
   * @param reference the gold answer (forget, retain) or {@code original_answer} (real authors,
   *     world facts)
   */
  public static NliPair forTofu(TofuEvalSet set, String generation, String reference) {
    return set.isForget() ? new NliPair(generation, reference) : new NliPair(reference, generation);
  }

  /** Real-world scenario: premise = generation, hypothesis = target, for every set. */
  public static NliPair forRealWorld(String generation, String target) {
    return new NliPair(generation, target);
  }
}
