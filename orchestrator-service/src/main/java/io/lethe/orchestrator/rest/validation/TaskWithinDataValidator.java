package io.lethe.orchestrator.rest.validation;

import io.lethe.orchestrator.rest.DatasetRequest;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.Optional;

/**
 * Checks {@link TaskWithinData} with the partition rule of {@code io.lethe.data.ForgetTask} (the
 * orchestrator does not link the data module, which carries tokenizer natives): c = round(p % of N)
 * rows per task, at least 1; the first round(10 % of N) rows, at least 1, are the retain evaluation
 * set; task t needs t·c ≤ N − that. Task 1 is always valid — it is the split itself.
 */
public class TaskWithinDataValidator
    implements ConstraintValidator<TaskWithinData, DatasetRequest> {

  /** The generator's defaults ({@code BenchmarkSource}), used when the request leaves them out. */
  static final int DEFAULT_AUTHORS = 20;

  static final int DEFAULT_QUESTIONS = 10;

  @Override
  public boolean isValid(DatasetRequest dataset, ConstraintValidatorContext context) {
    Optional<String> problem = problem(dataset);
    if (problem.isEmpty()) {
      return true;
    }
    context.disableDefaultConstraintViolation();
    context
        .buildConstraintViolationWithTemplate(problem.get())
        .addPropertyNode("task")
        .addConstraintViolation();
    return false;
  }

  /** Why the task does not exist in built-in data of this size, if it does not. */
  static Optional<String> problem(DatasetRequest d) {
    if (d == null || d.task() == null || d.task() <= 1 || !"builtin".equals(d.source())) {
      return Optional.empty();
    }
    Integer percent = percent(d.split());
    if (percent == null) {
      return Optional.empty(); // the split's own constraint reports it
    }
    int authors = d.authors() == null ? DEFAULT_AUTHORS : d.authors();
    int questions = d.questionsPerAuthor() == null ? DEFAULT_QUESTIONS : d.questionsPerAuthor();
    int rows = authors * questions;
    int perTask = atLeastOne(rows * percent);
    int retainEval = atLeastOne(rows * 10);
    int max = Math.max(0, rows - retainEval) / perTask;
    if (d.task() <= max) {
      return Optional.empty();
    }
    return Optional.of(
        String.format(
            "task %d does not exist for %s of %d built-in rows (%d authors × %d questions): tasks"
                + " are 1..%d (each forgets %d rows counting back from the last row and must stay"
                + " clear of the first %d, the retain evaluation set)",
            d.task(), d.split(), rows, authors, questions, max, perTask, retainEval));
  }

  /** {@code round(percentTimesRows / 100)}, at least 1 — {@code ForgetSplit.forgetCount}. */
  private static int atLeastOne(int percentTimesRows) {
    return Math.max(1, (percentTimesRows + 50) / 100);
  }

  private static Integer percent(String split) {
    if (split == null) {
      return null;
    }
    return switch (split) {
      case "forget01" -> 1;
      case "forget05" -> 5;
      case "forget10" -> 10;
      default -> null;
    };
  }
}
