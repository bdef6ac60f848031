package io.lethe.data;

import io.lethe.data.tofu.TofuReader;
import io.lethe.data.tofu.TofuSplit;
import java.io.IOException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Everything one unlearning job needs from a dataset: what the target model was fine-tuned on, what
 * to forget, what to retain, the four evaluation sets and the refusal templates of IDK-style
 * methods. Built from a TOFU directory or from the built-in fictitious-author generator, so jobs
 * never care where the data came from.
 *
 * @param name human-readable origin, e.g. {@code tofu/forget05}, or {@code tofu/forget01/task3} for
 *     a later continual task
 * @param split the forget size
 * @param training rows the target model is fine-tuned on ({@code full} = retain ∪ forget)
 * @param forget rows to unlearn ({@code forgetXX}, the last rows of {@code full}; for a later
 *     continual task its block, see {@link ForgetTask})
 * @param retain rows to keep ({@code retainYY}, the complement in {@code full}; for a later task
 *     the rows before its block)
 * @param evalSets the four evaluation sets, in perturbed form
 * @param generalKnowledge question/answer rows a from-scratch base model must learn so that the
 *     real-author and world-fact sets measure retained general knowledge (a pretrained checkpoint
 *     already knows them)
 * @param refusals "I don't know"-style answers for IDK/DPO/AP (methods.md §1.2)
 */
public record UnlearningBenchmark(
    String name,
    ForgetSplit split,
    List<QaItem> training,
    List<QaItem> forget,
    List<QaItem> retain,
    Map<EvalSet, List<QaItem>> evalSets,
    List<QaItem> generalKnowledge,
    List<String> refusals) {

  public UnlearningBenchmark {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(split, "split");
    training = List.copyOf(training);
    forget = List.copyOf(forget);
    retain = List.copyOf(retain);
    EnumMap<EvalSet, List<QaItem>> sets = new EnumMap<>(EvalSet.class);
    for (EvalSet set : EvalSet.values()) {
      List<QaItem> rows = evalSets.get(set);
      if (rows == null) {
        throw new IllegalArgumentException("missing eval set " + set);
      }
      sets.put(set, List.copyOf(rows));
    }
    evalSets = Collections.unmodifiableMap(sets);
    generalKnowledge = List.copyOf(generalKnowledge);
    refusals = List.copyOf(refusals);
    if (forget.isEmpty() || retain.isEmpty() || refusals.isEmpty()) {
      throw new IllegalArgumentException("forget, retain and refusals must not be empty");
    }
  }

  /**
   * The TOFU benchmark for {@code split} from a directory holding TOFU's files ({@code full},
   * {@code forgetXX}, {@code retainYY}, {@code forgetXX_perturbed}, {@code retain_perturbed},
   * {@code real_authors_perturbed}, {@code world_facts_perturbed}, {@code idontknow.jsonl}).
   */
  public static UnlearningBenchmark fromTofu(TofuReader reader, ForgetSplit split)
      throws IOException {
    return fromTofu(reader, ForgetTask.first(split));
  }

  /**
   * The TOFU benchmark of one continual task. Task 1 reads TOFU's own files ({@code forgetXX},
   * {@code retainYY}, {@code forgetXX_perturbed}) when the directory has them (a subset written
   * with only forget10's files derives them like any task). A later task takes its block of {@code
   * full} ({@link ForgetTask}) and every row before it as retain; its forget evaluation set needs
   * paraphrased and perturbed answers, which TOFU ships only for its last 10 % of rows ({@code
   * forget10_perturbed}), so a task is refused when its rows fall outside them (forget01: tasks
   * 1..10, forget05: 1..2, forget10: 1). The blocks are Lethe's order, not sail-sg's (their union
   * over forget01's tasks 1..10 is the same set, the order within differs; see {@link ForgetTask}).
   *
   * @throws IllegalArgumentException if the task does not exist in these files
   */
  public static UnlearningBenchmark fromTofu(TofuReader reader, ForgetTask task)
      throws IOException {
    ForgetSplit split = task.split();
    Map<EvalSet, List<QaItem>> eval = new EnumMap<>(EvalSet.class);
    eval.put(EvalSet.RETAIN, reader.read(TofuSplit.RETAIN_PERTURBED));
    eval.put(EvalSet.REAL_AUTHORS, reader.read(TofuSplit.REAL_AUTHORS_PERTURBED));
    eval.put(EvalSet.WORLD_FACTS, reader.read(TofuSplit.WORLD_FACTS_PERTURBED));
    List<QaItem> general =
        Stream.concat(
                eval.get(EvalSet.REAL_AUTHORS).stream(), eval.get(EvalSet.WORLD_FACTS).stream())
            .map(QaItem::plain)
            .toList();
    List<QaItem> full = reader.read(TofuSplit.FULL);
    List<QaItem> forget;
    List<QaItem> retain;
    if (task.task() == 1
        && reader.has(TofuSplit.forget(split))
        && reader.has(TofuSplit.retain(split))
        && reader.has(TofuSplit.forgetPerturbed(split))) {
      forget = reader.read(TofuSplit.forget(split));
      retain = reader.read(TofuSplit.retain(split));
      eval.put(EvalSet.FORGET, reader.read(TofuSplit.forgetPerturbed(split)));
    } else {
      int n = full.size();
      task.requireWithin(n);
      int from = task.forgetFrom(n);
      int to = task.forgetTo(n);
      List<QaItem> perturbed = reader.read(TofuSplit.forgetPerturbed(ForgetSplit.FORGET10));
      int offset = n - perturbed.size();
      if (from < offset) {
        throw new IllegalArgumentException(
            String.format(
                "dataset.task %d of %s needs rows %d..%d of full, but TOFU ships paraphrased and"
                    + " perturbed answers (needed to evaluate forgetting) only for rows %d..%d"
                    + " (%s): %s has tasks 1..%d in this directory",
                task.task(),
                split.forgetName(),
                from,
                to - 1,
                offset,
                n - 1,
                TofuSplit.forgetPerturbed(ForgetSplit.FORGET10).fileName(),
                split.forgetName(),
                (n - offset) / split.forgetCount(n)));
      }
      forget = full.subList(from, to);
      retain = full.subList(0, from);
      eval.put(EvalSet.FORGET, perturbed.subList(from - offset, to - offset));
    }
    return new UnlearningBenchmark(
        "tofu/" + split.forgetName() + task.nameSuffix(),
        split,
        full,
        forget,
        retain,
        eval,
        general,
        reader.readRefusals());
  }

  /** The rows of one evaluation set. */
  public List<QaItem> evalSet(EvalSet set) {
    return evalSets.get(set);
  }

  /**
   * Every distinct text of the benchmark (questions, answers, paraphrases, perturbed answers,
   * options, refusals), in first-seen order — the corpus to fit a tokenizer to, so no text the
   * model sees is out of vocabulary.
   */
  public List<String> texts() {
    Set<String> texts = new LinkedHashSet<>();
    Stream.of(training, forget, retain, generalKnowledge)
        .flatMap(List::stream)
        .forEach(row -> addTexts(row, texts));
    evalSets.values().forEach(rows -> rows.forEach(row -> addTexts(row, texts)));
    texts.addAll(refusals);
    return List.copyOf(texts);
  }

  private static void addTexts(QaItem row, Set<String> texts) {
    texts.add(row.question());
    texts.add(row.answer());
    if (row.paraphrasedQuestion() != null) {
      texts.add(row.paraphrasedQuestion());
    }
    if (row.paraphrasedAnswer() != null) {
      texts.add(row.paraphrasedAnswer());
    }
    texts.addAll(row.perturbedAnswers());
    texts.addAll(row.options());
  }
}
