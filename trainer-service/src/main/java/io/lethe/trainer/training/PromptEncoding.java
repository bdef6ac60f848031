package io.lethe.trainer.training;

import io.lethe.data.encoding.ExampleEncoder;
import io.lethe.data.encoding.PromptTemplate;
import io.lethe.data.text.HfTextTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * How a checkpoint's model reads text: its {@code tokenizer.json} and its family's prompt template,
 * which together fix the §0.2 encoding. The template's family name travels in the lineage ({@value
 * #LINEAGE_KEY}), so every later segment and the generator encode exactly as the model was trained.
 *
 * @param tokenizer the loaded tokenizer
 * @param template the prompt template
 * @param tokenizerJson the file the tokenizer was loaded from (copied into each new checkpoint)
 */
public record PromptEncoding(HfTextTokenizer tokenizer, PromptTemplate template, Path tokenizerJson)
    implements AutoCloseable {

  /** Lineage hyperparameter naming the prompt template family. */
  public static final String LINEAGE_KEY = "promptTemplate";

  /**
   * Loads {@code tokenizerJson} and picks the template named by a lineage ({@link
   * PromptTemplate#LETHE} when the lineage names none, e.g. a plain HF directory).
   */
  public static PromptEncoding open(Path tokenizerJson, Map<String, Object> lineageHyperparameters)
      throws IOException {
    Object family = lineageHyperparameters == null ? null : lineageHyperparameters.get(LINEAGE_KEY);
    PromptTemplate template =
        family == null ? PromptTemplate.LETHE : PromptTemplate.forFamily(family.toString());
    return new PromptEncoding(HfTextTokenizer.load(tokenizerJson), template, tokenizerJson);
  }

  /** The §0.2 encoder of this model. */
  public ExampleEncoder encoder() {
    return new ExampleEncoder(tokenizer, template);
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
