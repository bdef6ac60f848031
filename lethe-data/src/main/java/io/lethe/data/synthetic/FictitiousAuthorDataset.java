package io.lethe.data.synthetic;

import io.lethe.data.EvalSet;
import io.lethe.data.ForgetSplit;
import io.lethe.data.ForgetTask;
import io.lethe.data.QaItem;
import io.lethe.data.UnlearningBenchmark;
import io.lethe.data.tofu.TofuSplit;
import io.lethe.data.tofu.TofuWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A generated fictitious-author dataset with TOFU's splits: the rows of {@code full} (in perturbed
 * form), the two utility sets, and the refusal templates. Splits are views computed from the rows
 * exactly as TOFU defines them, so the same job runs on this data or on TOFU.
 *
 * @param seed the generator seed
 * @param authors the authors, in row-block order
 * @param rows every row of {@code full}, carrying paraphrases and 5 perturbed answers
 * @param realAuthors the real-authors analogue (short answers, 3 perturbed answers, 4 options)
 * @param worldFacts the world-facts analogue (short answers, 3 perturbed answers, 4 options)
 * @param refusals the refusal templates for IDK-style methods
 */
public record FictitiousAuthorDataset(
    long seed,
    List<FictitiousAuthor> authors,
    List<QaItem> rows,
    List<QaItem> realAuthors,
    List<QaItem> worldFacts,
    List<String> refusals) {

  public FictitiousAuthorDataset {
    authors = List.copyOf(authors);
    rows = List.copyOf(rows);
    realAuthors = List.copyOf(realAuthors);
    worldFacts = List.copyOf(worldFacts);
    refusals = List.copyOf(refusals);
  }

  /** {@code full}: every row, plain form. */
  public List<QaItem> full() {
    return plain(rows);
  }

  /** {@code forgetXX}: the last {@link ForgetSplit#forgetCount(int)} rows, plain form. */
  public List<QaItem> forget(ForgetSplit split) {
    return plain(forgetPerturbed(split));
  }

  /** {@code forgetXX_perturbed}: the forget rows with paraphrases and perturbed answers. */
  public List<QaItem> forgetPerturbed(ForgetSplit split) {
    ForgetTask first = ForgetTask.first(split);
    return rows.subList(first.forgetFrom(rows.size()), first.forgetTo(rows.size()));
  }

  /** {@code retainYY}: every row before the forget rows, plain form. */
  public List<QaItem> retain(ForgetSplit split) {
    return plain(rows.subList(0, ForgetTask.first(split).forgetFrom(rows.size())));
  }

  /**
   * {@code retain_perturbed}: the first 10 % of rows (at least one) with paraphrases and perturbed
   * answers.
   */
  public List<QaItem> retainPerturbed() {
    return rows.subList(0, ForgetTask.retainEvalCount(rows.size()));
  }

  /**
   * Writes the dataset in TOFU format into {@code directory}: {@code full}, {@code
   * forget01/05/10(_perturbed)}, {@code retain90/95/99}, {@code retain_perturbed}, {@code
   * real_authors(_perturbed)}, {@code world_facts(_perturbed)} as JSON Lines and the refusals as
   * {@code idontknow.jsonl}. Holdout files are not generated.
   */
  public void writeTofu(Path directory) throws IOException {
    TofuWriter.writeSplit(directory, TofuSplit.FULL, full());
    for (ForgetSplit split : ForgetSplit.values()) {
      TofuWriter.writeSplit(directory, TofuSplit.forget(split), forget(split));
      TofuWriter.writeSplit(directory, TofuSplit.forgetPerturbed(split), forgetPerturbed(split));
      TofuWriter.writeSplit(directory, TofuSplit.retain(split), retain(split));
    }
    TofuWriter.writeSplit(directory, TofuSplit.RETAIN_PERTURBED, retainPerturbed());
    TofuWriter.writeSplit(directory, TofuSplit.REAL_AUTHORS, realAuthors);
    TofuWriter.writeSplit(directory, TofuSplit.REAL_AUTHORS_PERTURBED, realAuthors);
    TofuWriter.writeSplit(directory, TofuSplit.WORLD_FACTS, worldFacts);
    TofuWriter.writeSplit(directory, TofuSplit.WORLD_FACTS_PERTURBED, worldFacts);
    TofuWriter.writeRefusals(directory, refusals);
  }

  /**
   * The benchmark of {@code split}: train on {@code full}, forget/retain, the four eval sets and
   * the refusals.
   */
  public UnlearningBenchmark toBenchmark(ForgetSplit split) {
    return toBenchmark(ForgetTask.first(split));
  }

  /**
   * The benchmark of one continual task ({@link ForgetTask}): forget its block of rows, retain
   * every row before it, evaluate forgetting on the same block in perturbed form.
   *
   * @throws IllegalArgumentException if the task does not exist in this many rows
   */
  public UnlearningBenchmark toBenchmark(ForgetTask task) {
    int n = rows.size();
    task.requireWithin(n);
    List<QaItem> forgetRows = rows.subList(task.forgetFrom(n), task.forgetTo(n));
    Map<EvalSet, List<QaItem>> eval = new EnumMap<>(EvalSet.class);
    eval.put(EvalSet.FORGET, forgetRows);
    eval.put(EvalSet.RETAIN, retainPerturbed());
    // The perturbed form carries no options, exactly like TOFU's *_perturbed utility files.
    eval.put(EvalSet.REAL_AUTHORS, realAuthors.stream().map(QaItem::withoutOptions).toList());
    eval.put(EvalSet.WORLD_FACTS, worldFacts.stream().map(QaItem::withoutOptions).toList());
    return new UnlearningBenchmark(
        "fictitious-authors/seed" + seed + "/" + task.split().forgetName() + task.nameSuffix(),
        task.split(),
        full(),
        plain(forgetRows),
        plain(rows.subList(0, task.forgetFrom(n))),
        eval,
        plain(Stream.concat(realAuthors.stream(), worldFacts.stream()).toList()),
        refusals);
  }

  private static List<QaItem> plain(List<QaItem> rows) {
    return rows.stream().map(QaItem::plain).toList();
  }
}
