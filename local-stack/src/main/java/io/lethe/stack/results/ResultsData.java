package io.lethe.stack.results;

import java.util.List;
import java.util.Optional;

/**
 * Everything the document is written from: the runs, the retain model's evaluation against itself,
 * the continual sequences, what the data and model were, and which command produced which runs.
 *
 * @param runs the single unlearning runs (claims 1–7)
 * @param retainSelf the retain model evaluated against itself (its step 0), if it was run
 * @param continual the tasks of claim 8's continual sequences
 * @param vocabularySize the model's vocabulary size (ln V bounds the predictive entropy), 0 if
 *     unknown
 * @param sources the commands whose reports are stored, oldest first, each with its runs — parts of
 *     the document may come from different commands and commits
 */
public record ResultsData(
    List<RunRecord> runs,
    RunRecord retainSelf,
    List<ContinualRun> continual,
    int vocabularySize,
    List<Source> sources) {

  /**
   * A command that produced stored reports.
   *
   * @param info how it ran
   * @param runs the names of the runs whose stored reports it produced
   */
  public record Source(RunInfo info, List<String> runs) {

    public Source {
      runs = List.copyOf(runs);
    }
  }

  public ResultsData {
    runs = List.copyOf(runs);
    continual = List.copyOf(continual);
    sources = List.copyOf(sources);
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("stored reports need the command that produced them");
    }
  }

  /** Data produced by one command, without continual sequences. */
  public ResultsData(List<RunRecord> runs, RunRecord retainSelf, int vocabularySize, RunInfo info) {
    this(runs, retainSelf, List.of(), vocabularySize, List.of(new Source(info, List.of())));
  }

  /** The first command whose reports are still stored (the whole record when there is one). */
  public RunInfo info() {
    return sources.get(0).info();
  }

  /** The run of {@code method} under {@code control}. */
  public Optional<RunRecord> run(String method, ResultsPlan.Control control) {
    return runs.stream()
        .filter(r -> r.method().equals(method) && r.control() == control)
        .findFirst();
  }

  /** The tasks of {@code method}'s continual sequence, in task order. */
  public List<ContinualRun> continual(String method) {
    return continual.stream()
        .filter(c -> c.method().equals(method))
        .sorted((a, b) -> Integer.compare(a.task(), b.task()))
        .toList();
  }

  /** The methods that were run, in plan order. */
  public List<String> methods() {
    return ResultsPlan.METHODS.stream()
        .filter(m -> runs.stream().anyMatch(r -> r.method().equals(m)))
        .toList();
  }

  /**
   * The target model's evaluation: step 0 of the first run that has one (of a continual task 1 when
   * only the continual part was run).
   */
  public Optional<RunRecord.Point> target() {
    return runs.stream()
        .flatMap(r -> r.baseline().stream())
        .findFirst()
        .or(
            () ->
                continual.stream()
                    .filter(c -> c.task() == 1)
                    .flatMap(c -> c.run().baseline().stream())
                    .findFirst());
  }

  /** The retain model's evaluation against itself. */
  public Optional<RunRecord.Point> retainModel() {
    return retainSelf == null ? Optional.empty() : retainSelf.baseline();
  }
}
