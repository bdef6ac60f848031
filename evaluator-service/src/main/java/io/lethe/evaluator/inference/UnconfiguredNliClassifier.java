package io.lethe.evaluator.inference;

import io.lethe.metrics.closerlook.NliLabel;
import io.lethe.metrics.closerlook.NliPair;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * The NLI model Lethe has: none. The paper's model is a Hugging Face hub download and no NLI model
 * is published on Maven Central (stack.md), so every entailment score says so.
 */
@ApplicationScoped
public class UnconfiguredNliClassifier implements NliClassifier {

  /** The reason every entailment score carries. */
  public static final String REASON =
      "no NLI model configured (needs sileod/deberta-v3-base-tasksource-nli, not available"
          + " offline)";

  @Override
  public Optional<String> unavailableReason() {
    return Optional.of(REASON);
  }

  @Override
  public List<NliLabel> classify(List<NliPair> pairs) {
    throw new IllegalStateException(REASON);
  }
}
