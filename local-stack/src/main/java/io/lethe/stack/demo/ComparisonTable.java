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
            "%-7s %-9s %-16s %9s %9s %9s %9s %10s %6s  %s%n",
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
              "%-7s %-9s %-16s %9s %9s %9s %9s %10s %6d  %s%n",
              o.method(),
              o.status(),
              result(o),
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
            + "result = the checkpoint the job returns (the last one that met the utility floor, or the\n"
            + "  mixed model (1 − α)·start + α·step that MIX found);\n"
            + "past = steps trained past the floor crossing and discarded.\n");
    return t.toString();
  }

  /** A metric's short name in the demo's output: MU for TOFU model utility, else the metric id. */
  static String shortName(String metricId) {
    return DemoOutcome.MU.equals(metricId) ? "MU" : metricId;
  }

  private static String result(DemoOutcome o) {
    if (o.resultStep() < 0) {
      return "-";
    }
    return Double.isNaN(o.resultAlpha())
        ? "step " + o.resultStep()
        : String.format(Locale.ROOT, "step %d α=%.3f", o.resultStep(), o.resultAlpha());
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
  }
}
