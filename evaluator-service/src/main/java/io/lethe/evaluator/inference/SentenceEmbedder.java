package io.lethe.evaluator.inference;

import java.util.List;
import java.util.Optional;

/**
 * Turns sentences into vectors for closer-look's cosine similarity (methods.md §1.7 item 5). The
 * metric is only as comparable as the model behind it, so the model is named and a model that could
 * not be loaded says why instead of being replaced.
 */
public interface SentenceEmbedder {

  /** The embedding model, as recorded with the metric (e.g. in the README and logs). */
  String modelName();

  /** Why no embeddings can be produced, or empty when the model is ready. */
  Optional<String> unavailableReason();

  /**
   * One vector per text, in order. A blank text gets the zero vector (cosine 0 with anything): an
   * empty generation carries no meaning to compare.
   *
   * @throws IllegalStateException if {@link #unavailableReason()} is present
   */
  List<float[]> embed(List<String> texts);
}
