package io.lethe.ml.inference;

import io.lethe.data.encoding.ExampleEncoder;
import io.lethe.ml.model.LlamaModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers questions in text, as TOFU's evaluation does before ROUGE (methods.md §1.7): each
 * question wrapped in the generation prompt of the model's template, generated in batches (left
 * padding, stop at EOS), the new tokens decoded without special tokens and stripped.
 */
public final class AnswerGenerator {

  private final Generator generator;
  private final ExampleEncoder encoder;
  private final int batchSize;

  /**
   * @param batchSize questions generated together (one left-padded batch)
   */
  public AnswerGenerator(LlamaModel model, ExampleEncoder encoder, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be ≥ 1");
    }
    this.generator = new Generator(model);
    this.encoder = encoder;
    this.batchSize = batchSize;
  }

  /** The answers to {@code questions}, in order. */
  public List<String> answer(List<String> questions, GenerationConfig config) {
    List<String> answers = new ArrayList<>(questions.size());
    for (int from = 0; from < questions.size(); from += batchSize) {
      List<int[]> prompts = new ArrayList<>();
      for (String q : questions.subList(from, Math.min(questions.size(), from + batchSize))) {
        prompts.add(encoder.generationPromptIds(q));
      }
      for (Generation g : generator.generate(prompts, config)) {
        answers.add(encoder.tokenizer().decode(g.tokens(), true).strip());
      }
    }
    return answers;
  }
}
