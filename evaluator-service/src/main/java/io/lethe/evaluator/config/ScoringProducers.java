package io.lethe.evaluator.config;

import io.lethe.data.synthetic.RefusalTemplates;
import io.lethe.evaluator.inference.NliClassifier;
import io.lethe.evaluator.inference.SentenceEmbedder;
import io.lethe.evaluator.service.EvaluationCalculator;
import io.lethe.evaluator.service.GenerationScorer;
import io.lethe.metrics.control.RefusalDetector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Builds the metric computation from configuration: the refusal templates (Lethe's built-in ones
 * plus an optional file such as TOFU's {@code idontknow.jsonl}) and the calculator over the
 * embedding and NLI models.
 */
@ApplicationScoped
public class ScoringProducers {

  private static final Logger LOG = Logger.getLogger(ScoringProducers.class);

  /** Detects refusals against every configured template. */
  @Produces
  @Singleton
  RefusalDetector refusalDetector(EvaluatorConfig config) {
    List<String> templates = new ArrayList<>(RefusalTemplates.ALL);
    config.refusal().templatesFile().ifPresent(file -> templates.addAll(readTemplates(file)));
    LOG.infof(
        "refusal rate: %d templates, ROUGE-L recall threshold %.2f",
        templates.size(), config.refusal().threshold());
    return new RefusalDetector(templates, config.refusal().threshold());
  }

  /** The metric computation. */
  @Produces
  @Singleton
  EvaluationCalculator calculator(
      SentenceEmbedder embedder, NliClassifier nli, RefusalDetector refusals) {
    return new EvaluationCalculator(new GenerationScorer(embedder, nli, refusals));
  }

  /** One template per non-blank line, stripped (TOFU's file is plain text despite its name). */
  static List<String> readTemplates(Path file) {
    try {
      return Files.readAllLines(file).stream()
          .map(String::strip)
          .filter(s -> !s.isEmpty())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read refusal templates from " + file, e);
    }
  }
}
