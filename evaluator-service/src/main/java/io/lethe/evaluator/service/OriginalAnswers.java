package io.lethe.evaluator.service;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A job's step-0 greedy answers on real authors and world facts: closer-look's {@code
 * original_answer} (the pre-unlearning model's answer, methods.md §1.6), the reference of cosine
 * similarity and entailment on those sets.
 *
 * @param jobId the job
 * @param answers evaluation set name → item index → the step-0 answer; empty when no step-0 full
 *     evaluation of the job has been seen
 */
public record OriginalAnswers(String jobId, Map<String, Map<Integer, StoredAnswer>> answers) {

  /** Copies the answers. */
  public OriginalAnswers {
    Objects.requireNonNull(jobId, "jobId");
    answers = Map.copyOf(answers);
  }

  /** No step-0 answers known for {@code jobId}. */
  public static OriginalAnswers none(String jobId) {
    return new OriginalAnswers(jobId, Map.of());
  }

  /**
   * The step-0 answer to item {@code index} of {@code evalSet}, if one was stored for the same
   * question (a different question means a different dataset: no reference).
   */
  public Optional<String> answer(String evalSet, int index, String question) {
    StoredAnswer stored = answers.getOrDefault(evalSet, Map.of()).get(index);
    if (stored == null || !Objects.equals(stored.question(), question)) {
      return Optional.empty();
    }
    return Optional.of(stored.answer());
  }

  /**
   * One stored answer with the question it answered.
   *
   * @param question the question
   * @param answer the step-0 model's greedy answer
   */
  public record StoredAnswer(String question, String answer) {}
}
