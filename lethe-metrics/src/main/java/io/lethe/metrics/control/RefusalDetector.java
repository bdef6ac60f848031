package io.lethe.metrics.control;

import io.lethe.metrics.MetricIds;
import io.lethe.metrics.MetricValue;
import io.lethe.metrics.text.RougeL;
import io.lethe.metrics.text.RougeTokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Refusal rate ({@link MetricIds#LETHE_REFUSAL_RATE}): the fraction of generations that match one
 * of the refusal ("I don't know") templates, the clearest single diagnostic of IDK-style unlearning
 * leaking onto retain questions (methods.md §7.5).
 *
 * <p>Rule: a generation is a refusal when, for some template, the ROUGE-L recall of the generation
 * against the template (target = template) is at least {@code threshold}; tokens are the stemmed
 * rouge_score tokens, so case, punctuation and whitespace never matter. Recall rather than equality
 * because a model trained on the templates reproduces them with small variations and sometimes
 * continues after the refusal; "I'm not sure. The author is X." still counts as a refusal (whether
 * the fact leaked is ROUGE's job, not this metric's). The default threshold 0.8 lets one word of a
 * five-word template differ; 1.0 demands every template token, in order.
 */
public final class RefusalDetector {

  /** Default minimum ROUGE-L recall of a template inside a generation. */
  public static final double DEFAULT_THRESHOLD = 0.8;

  private final RougeTokenizer tokenizer = RougeTokenizer.withStemmer();
  private final List<List<String>> templateTokens;
  private final double threshold;

  /**
   * A detector over the given templates.
   *
   * @param templates refusal sentences, e.g. TOFU's {@code idontknow.jsonl} lines
   * @param threshold minimum ROUGE-L recall, in (0, 1]
   */
  public RefusalDetector(List<String> templates, double threshold) {
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be in (0, 1]: " + threshold);
    }
    List<List<String>> tokens = new ArrayList<>();
    for (String template : templates) {
      List<String> t = tokenizer.tokenize(template);
      if (!t.isEmpty()) {
        tokens.add(t);
      }
    }
    if (tokens.isEmpty()) {
      throw new IllegalArgumentException("no non-empty refusal template");
    }
    this.templateTokens = List.copyOf(tokens);
    this.threshold = threshold;
  }

  /** A detector with {@link #DEFAULT_THRESHOLD}. */
  public RefusalDetector(List<String> templates) {
    this(templates, DEFAULT_THRESHOLD);
  }

  /** Whether the generation is a refusal. */
  public boolean isRefusal(String generation) {
    List<String> generated = tokenizer.tokenize(generation);
    if (generated.isEmpty()) {
      return false;
    }
    for (List<String> template : templateTokens) {
      if (RougeL.scoreTokens(template, generated).recall() >= threshold) {
        return true;
      }
    }
    return false;
  }

  /** The fraction of generations that are refusals. */
  public MetricValue rate(List<String> generations) {
    if (generations.isEmpty()) {
      return MetricValue.notComputed(MetricIds.LETHE_REFUSAL_RATE, "no items");
    }
    int refusals = 0;
    for (String generation : generations) {
      if (isRefusal(generation)) {
        refusals++;
      }
    }
    return MetricValue.of(MetricIds.LETHE_REFUSAL_RATE, (double) refusals / generations.size());
  }
}
