package io.lethe.data.encoding;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How a model family wraps a question (methods.md §0.1): {@code full_text = questionStart +
 * question + questionEnd + answerTag + answer}. The prompt that is masked in training is {@code
 * questionStart + question + questionEnd}; the generation prompt additionally ends with the answer
 * tag.
 *
 * @param family family name, e.g. {@code llama2}
 * @param questionStart text before the question
 * @param questionEnd text after the question (masked with the prompt)
 * @param answerTag text before the answer (not masked in training; part of the generation prompt)
 */
public record PromptTemplate(
    String family, String questionStart, String questionEnd, String answerTag) {

  /** Llama-2-chat as TOFU runs it: no space between {@code [/INST]} and the answer. */
  public static final PromptTemplate LLAMA2 =
      new PromptTemplate("llama2", "[INST] ", " [/INST]", "");

  /** Phi-1.5: {@code "Question: Q\nAnswer: A"}; the {@code "Answer: "} tag is a training target. */
  public static final PromptTemplate PHI =
      new PromptTemplate("phi", "Question: ", "\n", "Answer: ");

  /** Llama-3-Instruct header tokens (sail-sg only). */
  public static final PromptTemplate LLAMA3 =
      new PromptTemplate(
          "llama3",
          "<|start_header_id|>user<|end_header_id|>\n\n",
          "<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n",
          "");

  /**
   * Lethe's tiny model: {@code "Question: Q\nAnswer:\nA"}. The whole template is masked (no answer
   * tag), and the prompt ends in a newline rather than a space: with a byte-level BPE a trailing
   * space would be tokenised alone in the prompt but merged into the first answer word ({@code "
   * Paris"}) in the full text, so the prompt would not be a token prefix of the full text and
   * {@code labels[0:nq]} would mask the first answer token. A newline is always its own pre-token,
   * so the prompt's tokens are a prefix of the full text's.
   */
  public static final PromptTemplate LETHE =
      new PromptTemplate("lethe", "Question: ", "\nAnswer:\n", "");

  /** All built-in families. */
  public static final List<PromptTemplate> FAMILIES = List.of(LLAMA2, PHI, LLAMA3, LETHE);

  public PromptTemplate {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(questionStart, "questionStart");
    Objects.requireNonNull(questionEnd, "questionEnd");
    Objects.requireNonNull(answerTag, "answerTag");
  }

  /**
   * The built-in template of {@code family} ({@code llama2}, {@code phi}, {@code llama3}, {@code
   * lethe}).
   */
  public static PromptTemplate forFamily(String family) {
    String f = family.trim().toLowerCase(Locale.ROOT);
    for (PromptTemplate t : FAMILIES) {
      if (f.equals(t.family) || f.startsWith(t.family + "-")) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown model family: " + family);
  }

  /** {@code questionStart + question + questionEnd}: the part masked in training (with BOS). */
  public String prompt(String question) {
    return questionStart + question + questionEnd;
  }

  /** {@code prompt + answerTag}: what a model is given to generate an answer. */
  public String generationPrompt(String question) {
    return prompt(question) + answerTag;
  }

  /** {@code prompt + answerTag + answer}: the training text. */
  public String fullText(String question, String answer) {
    return generationPrompt(question) + answer;
  }
}
