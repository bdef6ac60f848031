package io.lethe.data;

import java.util.List;
import java.util.Objects;

/**
 * One row of a TOFU-format dataset: a question, its gold answer, and — where the split has them —
 * the paraphrases, wrong (perturbed) answers and multiple-choice options that the truth-ratio and
 * probability metrics need (methods.md §3.1, §3.4).
 *
 * @param question the question ({@code question})
 * @param answer the gold answer ({@code answer})
 * @param paraphrasedQuestion {@code paraphrased_question}, or {@code null} when the split has none
 * @param paraphrasedAnswer {@code paraphrased_answer}, or {@code null} when the split has none
 * @param perturbedAnswers {@code perturbed_answer} (5 for author splits, 3 for the utility sets),
 *     empty if absent
 * @param options {@code option1..option4} of the multiple-choice utility files, empty if absent
 */
public record QaItem(
    String question,
    String answer,
    String paraphrasedQuestion,
    String paraphrasedAnswer,
    List<String> perturbedAnswers,
    List<String> options) {

  public QaItem {
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(answer, "answer");
    perturbedAnswers = perturbedAnswers == null ? List.of() : List.copyOf(perturbedAnswers);
    options = options == null ? List.of() : List.copyOf(options);
  }

  /** A plain question/answer row (the form of {@code full}, {@code forgetXX}, {@code retainXX}). */
  public static QaItem of(String question, String answer) {
    return new QaItem(question, answer, null, null, List.of(), List.of());
  }

  /** The question with its gold answer. */
  public QaPair pair() {
    return new QaPair(question, answer);
  }

  /** This row without paraphrases, perturbations and options (the plain training form). */
  public QaItem plain() {
    return of(question, answer);
  }

  /**
   * This row without multiple-choice options (the {@code *_perturbed} form of the utility sets).
   */
  public QaItem withoutOptions() {
    return new QaItem(
        question, answer, paraphrasedQuestion, paraphrasedAnswer, perturbedAnswers, List.of());
  }

  /**
   * Whether the row carries a paraphrased answer and perturbed answers (the {@code *_perturbed}
   * form).
   */
  public boolean hasPerturbations() {
    return !perturbedAnswers.isEmpty();
  }
}
