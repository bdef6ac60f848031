package io.lethe.metrics.offline;

import io.lethe.metrics.MetricValue;
import io.lethe.metrics.stats.KsTestResult;
import io.lethe.metrics.tofu.TofuEvalSet;
import io.lethe.metrics.tofu.TofuSetScores;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Command line: {@code TofuAggregateCommand <unlearned eval_log_aggregated.json> <retain
 * eval_log_aggregated.json>} prints TOFU's per-set ROUGE / probability / truth ratio of the
 * unlearned model, its model utility and its forget quality against the retain model.
 */
public final class TofuAggregateCommand {

  private TofuAggregateCommand() {}

  /** Entry point; exits non-zero on bad arguments or unreadable logs. */
  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * Runs the command.
   *
   * @return 0 on success, 2 on bad usage, 1 on an unreadable log
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length != 2) {
      err.println(
          "usage: TofuAggregateCommand <unlearned eval_log_aggregated.json>"
              + " <retain eval_log_aggregated.json>");
      return 2;
    }
    TofuEvalLogReader reader = new TofuEvalLogReader();
    TofuAggregate aggregate;
    try {
      aggregate =
          TofuAggregator.aggregate(reader.read(Path.of(args[0])), reader.read(Path.of(args[1])));
    } catch (IOException | IllegalArgumentException e) {
      err.println("cannot aggregate: " + e.getMessage());
      return 1;
    }
    print(aggregate, out);
    return 0;
  }

  /** Prints the table. */
  static void print(TofuAggregate aggregate, PrintStream out) {
    out.printf(
        Locale.ROOT, "%-14s %10s %10s %12s %6s%n", "set", "ROUGE-L", "Prob.", "Truth Ratio", "n");
    for (TofuEvalSet set : TofuEvalSet.values()) {
      TofuSetResult result = aggregate.set(set);
      TofuSetScores s = result.scores();
      out.printf(
          Locale.ROOT,
          "%-14s %10s %10s %12s %6d%n",
          set.displayName(),
          fixed(s.rougeLRecall()),
          fixed(s.probability()),
          fixed(s.truthRatio()),
          result.truthRatios().length);
    }
    out.printf(
        Locale.ROOT,
        "%s = %s%n",
        aggregate.modelUtility().definitionId(),
        fixed(aggregate.modelUtility()));
    KsTestResult test = aggregate.forgetTest();
    MetricValue fq = aggregate.forgetQuality();
    if (fq.computed()) {
      out.printf(
          Locale.ROOT,
          "%s = %.6e (KS D = %.6f, n = %d/%d, %s)%n",
          fq.definitionId(),
          fq.value(),
          test.statistic(),
          test.n1(),
          test.n2(),
          test.method().name().toLowerCase(Locale.ROOT));
    } else {
      out.printf(Locale.ROOT, "%s not computed: %s%n", fq.definitionId(), fq.notComputedReason());
    }
  }

  private static String fixed(MetricValue v) {
    return v.computed() ? String.format(Locale.ROOT, "%.6f", v.value()) : "n/c";
  }
}
