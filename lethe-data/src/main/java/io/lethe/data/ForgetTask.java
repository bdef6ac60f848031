package io.lethe.data;

import java.util.Objects;

/**
 * One task of a continual-unlearning sequence (closer-look §1.5 item 2): disjoint blocks of {@code
 * full}, each the size of a forget split, counting back from the last row. With c = {@link
 * ForgetSplit#forgetCount(int) forgetCount(N)} rows per task, task t forgets rows {@code [N − t·c,
 * N − (t−1)·c)}, so task 1 is exactly the split's usual forget set and a sequence 1, 2, … forgets
 * block after block without overlap.
 *
 * <p>The retain set a method trains on (GD/KL/AP, or a retain model with {@code trainOn = retain})
 * is rows {@code [0, N − t·c)}: sail-sg's {@code retain_base ∪ tasks not yet unlearned} — rows of
 * earlier tasks were unlearned and must not be pulled back. The retain <em>evaluation</em> set (the
 * first 10 % of rows, TOFU's {@code retain_perturbed}) never moves, so the last task is the one
 * whose block still lies after it: for 200 rows forget10 has 9 tasks (as in sail-sg), forget05 18,
 * forget01 90.
 *
 * <p>The block order is Lethe's own: sail-sg orders later tasks differently (see {@code
 * shared/data/tofu/continual_task_index.json}); only the union of forget01's tasks 1..10 (TOFU's
 * forget10 rows) is the same set.
 *
 * @param split the size of every task
 * @param task the task number, from 1
 */
public record ForgetTask(ForgetSplit split, int task) {

  /** TOFU's {@code retain_perturbed} is the first 10 % of {@code full} (400 of 4000 rows). */
  public static final int RETAIN_EVAL_PERCENT = 10;

  public ForgetTask {
    Objects.requireNonNull(split, "split");
    if (task < 1) {
      throw new IllegalArgumentException("dataset.task must be ≥ 1, got " + task);
    }
  }

  /** The split's usual forget set: task 1. */
  public static ForgetTask first(ForgetSplit split) {
    return new ForgetTask(split, 1);
  }

  /** Rows of the retain evaluation set out of {@code totalRows}: the first 10 %, at least one. */
  public static int retainEvalCount(int totalRows) {
    return Math.max(1, (totalRows * RETAIN_EVAL_PERCENT + 50) / 100);
  }

  /**
   * The last task of {@code split} whose block does not reach into the retain evaluation set of
   * {@code totalRows} rows.
   */
  public static int maxTask(ForgetSplit split, int totalRows) {
    return Math.max(0, totalRows - retainEvalCount(totalRows)) / split.forgetCount(totalRows);
  }

  /** First forgotten row (inclusive) of {@code full}, which has {@code totalRows} rows. */
  public int forgetFrom(int totalRows) {
    return totalRows - task * split.forgetCount(totalRows);
  }

  /** Last forgotten row (exclusive). */
  public int forgetTo(int totalRows) {
    return totalRows - (task - 1) * split.forgetCount(totalRows);
  }

  /**
   * Checks that this task exists in {@code totalRows} rows. Task 1 always does (it is the split
   * itself, whatever the size); a later task must not reach into the retain evaluation set.
   *
   * @throws IllegalArgumentException naming the valid range when it does not
   */
  public void requireWithin(int totalRows) {
    if (task == 1) {
      return;
    }
    int max = maxTask(split, totalRows);
    if (task > max) {
      throw new IllegalArgumentException(
          String.format(
              "dataset.task %d does not exist for %s of %d rows: tasks are 1..%d (each forgets %d"
                  + " rows counting back from the last row and must stay clear of the first %d,"
                  + " the retain evaluation set)",
              task,
              split.forgetName(),
              totalRows,
              max,
              split.forgetCount(totalRows),
              retainEvalCount(totalRows)));
    }
  }

  /** The suffix of a benchmark's name: empty for task 1 (today's split), else {@code /taskN}. */
  public String nameSuffix() {
    return task == 1 ? "" : "/task" + task;
  }
}
