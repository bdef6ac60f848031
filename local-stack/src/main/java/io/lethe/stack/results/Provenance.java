package io.lethe.stack.results;

/**
 * Which command produced which stored reports: a document completed by partial runs (e.g. {@code
 * ./lethe results --only continual}) combines reports of several commands, possibly at different
 * commits and on differently loaded machines, and says so.
 */
final class Provenance {

  private Provenance() {}

  /** Whether the stored reports come from more than one command. */
  static boolean mixed(ResultsData d) {
    return d.sources().size() > 1;
  }

  /** One row per command: how it ran and the runs whose reports it produced. */
  static void append(StringBuilder md, ResultsData d) {
    md.append("### Provenance: which command produced which runs\n\n");
    md.append(
        "The stored reports come from "
            + d.sources().size()
            + " commands; each part of this document is from the command that produced its runs"
            + " (a later command replaces the reports of the runs it repeats and keeps the others).\n\n");
    md.append(
        "| command | commit | started | wall time | load average (1 min) | machine | data |"
            + " runs |\n|---|---|---|---|---|---|---|---|\n");
    for (ResultsData.Source s : d.sources()) {
      RunInfo i = s.info();
      md.append("| `")
          .append(ResultsMarkdown.cell(i.command()))
          .append("` | `")
          .append(i.commit())
          .append("` | ")
          .append(i.startedAt())
          .append(" | ")
          .append(i.wallTime())
          .append(" | ")
          .append(i.loadSummary())
          .append(" | ")
          .append(ResultsMarkdown.cell(i.cpu()))
          .append(" | ")
          .append(ResultsMarkdown.cell(i.dataset()))
          .append(" | ")
          .append(ResultsMarkdown.cell(String.join(", ", s.runs())))
          .append(" |\n");
    }
    md.append('\n');
  }
}
