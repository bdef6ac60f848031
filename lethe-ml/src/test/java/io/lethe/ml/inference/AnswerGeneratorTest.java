package io.lethe.ml.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.data.encoding.ExampleEncoder;
import io.lethe.data.encoding.PromptTemplate;
import io.lethe.data.text.ByteLevelBpeTrainer;
import io.lethe.data.text.HfTextTokenizer;
import io.lethe.data.text.TextTokenizer;
import io.lethe.ml.TestModels;
import io.lethe.ml.model.LlamaConfig;
import io.lethe.ml.model.LlamaModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text answers: generation prompt of the template, batching, order, decoding. */
class AnswerGeneratorTest {

  @TempDir Path dir;

  @Test
  void answersInOrderAcrossBatchesAsTheDecodedGreedyContinuations() throws IOException {
    List<String> questions =
        List.of("Who wrote 'Hamlet'?", "What is the capital of France?", "Where was Marta born?");
    List<String> corpus = new ArrayList<>(questions);
    corpus.addAll(List.of("William Shakespeare", "Paris", "Marta was born in Valencia."));
    try (TextTokenizer tokenizer =
            HfTextTokenizer.load(new ByteLevelBpeTrainer(300, 1).trainAndSave(corpus, dir));
        LlamaModel model = TestModels.randomModel(LlamaConfig.micro(tokenizer), 5, 0.3)) {
      ExampleEncoder encoder = new ExampleEncoder(tokenizer, PromptTemplate.LETHE);
      GenerationConfig greedy = GenerationConfig.greedy(12);

      List<String> answers = new AnswerGenerator(model, encoder, 2).answer(questions, greedy);

      // the same batches (2 + 1 questions) through the generator directly
      Generator generator = new Generator(model);
      List<String> expected = new ArrayList<>();
      for (List<String> chunk : List.of(questions.subList(0, 2), questions.subList(2, 3))) {
        List<int[]> prompts =
            chunk.stream()
                .map(q -> tokenizer.encode("Question: " + q + "\nAnswer:\n", true))
                .toList();
        for (Generation g : generator.generate(prompts, greedy)) {
          expected.add(tokenizer.decode(g.tokens(), true).strip());
        }
      }
      assertThat(answers).containsExactlyElementsOf(expected);
      assertThat(String.join("", answers)).isNotBlank().doesNotContain("</s>", "<s>");
    }
  }
}
