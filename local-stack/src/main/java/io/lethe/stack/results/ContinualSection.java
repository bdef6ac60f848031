package io.lethe.stack.results;

import java.util.List;
import java.util.Locale;

/**
 * The continual part of RESULTS.md (claim 8): what the sequences are, model utility after every
 * task per method, and how far each task's own forget rows were forgotten.
 */
final class ContinualSection {

  private ContinualSection() {}

  /** The section, or nothing when no continual task is stored. */
  static void append(StringBuilder md, ResultsData d) {
    if (d.continual().isEmpty()) {
      return;
    }
    List<String> methods =
        ResultsPlan.CONTINUAL_METHODS.stream().filter(m -> !d.continual(m).isEmpty()).toList();
    md.append("## Continual unlearning (claim 8)\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "Each method unlearns %s task after task: task t forgets its own block of rows (task"
                + " 1 = the last rows, task 2 the block before, …; `dataset.task` of the job API),"
                + " starts from the result of task t − 1 (`continual.after`; task 1 from the target"
                + " model) and retains only the rows no task has reached yet. Every task is an"
                + " uncontrolled job with the schedule above and forget weight c_f = 1 for every"
                + " method (sail-sg's continual scripts; their fictitious-scenario ME+GD uses 0.1),"
                + " evaluated at its step 0 and its last"
                + " step against the forget10 retain model, which saw none of the tasks' rows."
                + " Reference setting as methods.md §1.4: %s.\n\n",
            ResultsPlan.CONTINUAL_SPLIT,
            String.join(
                ", ",
                methods.stream().map(m -> m + " " + ResultsPlan.continualReference(m)).toList())));
    md.append("**Model utility after each task** (task 0 = the target model):\n\n| task |");
    methods.forEach(m -> md.append(' ').append(m).append(" |"));
    md.append("\n|---|");
    methods.forEach(m -> md.append("---|"));
    md.append('\n');
    int rows =
        methods.stream()
            .mapToInt(m -> ContinualClaim.utilityAfterEachTask(d.continual(m)).size())
            .max()
            .orElse(0);
    for (int t = 0; t < rows; t++) {
      md.append("| ").append(t).append(" |");
      for (String m : methods) {
        List<Double> mu = ContinualClaim.utilityAfterEachTask(d.continual(m));
        md.append(' ').append(t < mu.size() ? ClaimChecks.f(mu.get(t)) : "").append(" |");
      }
      md.append('\n');
    }
    md.append(
        "\n**Forget ROUGE-L on each task's own rows**, at the task's start → end (the start is"
            + " the previous task's result: earlier tasks may already have moved these rows):\n\n"
            + "| task |");
    methods.forEach(m -> md.append(' ').append(m).append(" |"));
    md.append("\n|---|");
    methods.forEach(m -> md.append("---|"));
    md.append('\n');
    int tasks = methods.stream().mapToInt(m -> d.continual(m).size()).max().orElse(0);
    for (int t = 1; t <= tasks; t++) {
      md.append("| ").append(t).append(" |");
      for (String m : methods) {
        int task = t;
        String cell =
            d.continual(m).stream()
                .filter(c -> c.task() == task)
                .findFirst()
                .map(
                    c ->
                        ClaimChecks.f(c.run().atStart(Metrics.ROUGE_FORGET))
                            + " → "
                            + ClaimChecks.f(c.run().atEnd(Metrics.ROUGE_FORGET))
                            + ("COMPLETED".equals(c.run().status())
                                ? ""
                                : " (" + c.run().status() + ")"))
                .orElse("");
        md.append(' ').append(cell).append(" |");
      }
      md.append('\n');
    }
    md.append('\n');
  }
}
