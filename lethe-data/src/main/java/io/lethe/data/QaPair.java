package io.lethe.data;

import java.util.Objects;

/**
 * A question with the answer a model is trained or scored on — the unit every example encoding and
 * every sampler slot works with (methods.md §0.2, §1.2).
 *
 * @param question the question text, without any prompt template
 * @param answer the target answer text
 */
public record QaPair(String question, String answer) {

  public QaPair {
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(answer, "answer");
  }
}
