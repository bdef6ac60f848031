package io.lethe.stack.demo;

import java.util.List;
import java.util.Locale;

/** The demo's comparison of unlearning methods, as a fixed-width text table. */
final class ComparisonTable {

  private ComparisonTable() {}

  static String render(List<DemoOutcome> outcomes) {
    StringBuilder t = new StringBuilder();
    String header =
        String.format(
            Locale.ROOT,
            "%-7s %-9s %6s %9s %9s %9s %9s %10s %6s  %s%n",
            "method",
            "status",
            "result",
            "MU start",
            "MU result",
            "forget R",
            "retain R",
            "forget FQ",
            "past",
            "decisions");
    t.append(header).append("-".repeat(header.length() - 1)).append('\n');
    for (DemoOutcome o : outcomes) {
      t.append(
          String.format(
              Locale.ROOT,
              "%-7s %-9s %6s %9s %9s %9s %9s %10s %6d  %s%n",
              o.method(),
              o.status(),
              o.resultStep() < 0 ? "-" : "step " + o.resultStep(),
              num(o.baselineUtility()),
              num(o.resultUtility()),
              num(o.forgetRouge()),
              num(o.retainRouge()),
              Double.isNaN(o.forgetQuality())
                  ? "n/a"
                  : String.format(Locale.ROOT, "%.2e", o.forgetQuality()),
              o.stepsPastCrossing(),
              o.decisions()));
    }
    t.append(
        "MU = TOFU model utility; R = ROUGE-L recall; FQ = forget quality (KS p-value vs the retain model);\n"
            + "result = the checkpoint the job returns (the last one that met the utility floor);\n"
            + "past = steps trained past the floor crossing and discarded.\n");
    return t.toString();
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
  }
}
