package io.lethe.stack.results;

import java.util.List;
import java.util.Optional;

/**
 * Everything the document is written from: the runs, the retain model's evaluation against itself,
 * what the data and model were, and how the run went.
 *
 * @param runs the unlearning runs
 * @param retainSelf the retain model evaluated against itself (its step 0), if it was run
 * @param vocabularySize the model's vocabulary size (ln V bounds the predictive entropy), 0 if
 *     unknown
 * @param info the command, machine and timing
 */
public record ResultsData(
    List<RunRecord> runs, RunRecord retainSelf, int vocabularySize, RunInfo info) {

  public ResultsData {
    runs = List.copyOf(runs);
  }

  /** The run of {@code method} under {@code control}. */
  public Optional<RunRecord> run(String method, ResultsPlan.Control control) {
    return runs.stream()
        .filter(r -> r.method().equals(method) && r.control() == control)
        .findFirst();
  }

  /** The methods that were run, in plan order. */
  public List<String> methods() {
    return ResultsPlan.METHODS.stream()
        .filter(m -> runs.stream().anyMatch(r -> r.method().equals(m)))
        .toList();
  }

  /** The target model's evaluation: step 0 of the first run that has one. */
  public Optional<RunRecord.Point> target() {
    return runs.stream().flatMap(r -> r.baseline().stream()).findFirst();
  }

  /** The retain model's evaluation against itself. */
  public Optional<RunRecord.Point> retainModel() {
    return retainSelf == null ? Optional.empty() : retainSelf.baseline();
  }
}
