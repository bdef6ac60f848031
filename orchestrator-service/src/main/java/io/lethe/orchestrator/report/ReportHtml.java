package io.lethe.orchestrator.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Renders a {@link JobReport} as one self-contained HTML page: utility against its floor and forget
 * metrics per step with the controller's decisions marked, the decision log, and the final metrics
 * (with the reason for every metric that could not be computed).
 */
public final class ReportHtml {

  static final String MU = "tofu.model_utility@1";

  private ReportHtml() {}

  /** The page. */
  public static String render(JobReport r) {
    StringBuilder html = new StringBuilder();
    html.append("<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Lethe job ")
        .append(Html.escape(r.job().id()))
        .append("</title><style>body{font-family:sans-serif;margin:2em;max-width:60em}")
        .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;")
        .append("font-size:13px;text-align:left}</style></head><body>");
    html.append("<h1>Job ").append(Html.escape(r.job().id())).append("</h1>");
    html.append("<p><b>")
        .append(Html.escape(r.job().kind().name()))
        .append(r.job().method() == null ? "" : " " + Html.escape(r.job().method()))
        .append("</b> — status <b>")
        .append(Html.escape(r.job().status().name()))
        .append("</b>")
        .append(r.job().statusReason() == null ? "" : ": " + Html.escape(r.job().statusReason()))
        .append("</p>");
    if (r.job().result() != null) {
      html.append("<p>Result: <code>")
          .append(Html.escape(r.job().result().uri()))
          .append("</code> (sha256 <code>")
          .append(Html.escape(r.job().result().sha256()))
          .append("</code>)</p>");
    }
    if (r.stepsTrainedPastCrossing() > 0) {
      html.append("<p>Steps trained past the floor crossing (discarded): ")
          .append(r.stepsTrainedPastCrossing())
          .append("</p>");
    }

    SvgChart utility = new SvgChart("Model utility per step");
    utility.series("TOFU model utility", "#1f77b4", series(r, MU, false));
    utility.series("mixed models (x = step)", "#ff7f0e", series(r, MU, true));
    Double floor = r.floors().get(MU);
    if (floor != null) {
      utility.horizontal(floor, String.format(Locale.ROOT, "floor %.3f", floor));
    }
    decisionMarkers(r, utility);
    if (!utility.isEmpty()) {
      html.append(utility.render());
    }

    SvgChart forget = new SvgChart("Forget-set metrics per step");
    forget.series("ROUGE-L (forget)", "#d62728", series(r, "tofu.rougeL_recall@1/forget", false));
    forget.series("probability (forget)", "#9467bd", series(r, "tofu.probability@1/forget", false));
    forget.series("forget quality", "#2ca02c", series(r, "tofu.forget_quality@1", false));
    forget.series(
        "extraction strength", "#8c564b", series(r, "uwc.extraction_strength@1/forget", false));
    forget.series("forget efficacy", "#17becf", series(r, "cl.forget_efficacy@1", false));
    decisionMarkers(r, forget);
    if (!forget.isEmpty()) {
      html.append(forget.render());
    }

    SvgChart retain = new SvgChart("Retain-side probes per step");
    retain.series("probability (retain)", "#1f77b4", series(r, "tofu.probability@1/retain", false));
    retain.series("truth ratio (retain)", "#bcbd22", series(r, "tofu.truth_ratio@1/retain", false));
    decisionMarkers(r, retain);
    if (!retain.isEmpty()) {
      html.append(retain.render());
    }

    html.append(
        "<h2>Decisions</h2><table><tr><th>step</th><th>decision</th><th>α</th><th>reason</th></tr>");
    for (JobReport.DecisionMark d : r.decisions()) {
      html.append("<tr><td>")
          .append(d.step())
          .append("</td><td>")
          .append(Html.escape(d.decision()))
          .append("</td><td>")
          .append(d.mixAlpha() == null ? "" : String.format(Locale.ROOT, "%.4f", d.mixAlpha()))
          .append("</td><td>")
          .append(Html.escape(d.reason()))
          .append("</td></tr>");
    }
    html.append("</table>");

    if (!r.points().isEmpty()) {
      JobReport.Point last = lastFull(r);
      html.append("<h2>Metrics of step ")
          .append(last.step())
          .append(last.mixAlpha() == null ? "" : " (mixed, α = " + last.mixAlpha() + ")")
          .append("</h2><table><tr><th>metric</th><th>value</th></tr>");
      TreeSet<String> ids = new TreeSet<>(last.metrics().keySet());
      ids.addAll(last.notComputed().keySet());
      for (String id : ids) {
        Double v = last.metrics().get(id);
        html.append("<tr><td>")
            .append(Html.escape(id))
            .append("</td><td>")
            .append(
                v != null
                    ? String.format(Locale.ROOT, "%.6g", v)
                    : "not computed: " + Html.escape(last.notComputed().get(id)))
            .append("</td></tr>");
      }
      html.append("</table>");
    }
    html.append("</body></html>");
    return html.toString();
  }

  private static JobReport.Point lastFull(JobReport r) {
    JobReport.Point last = r.points().get(r.points().size() - 1);
    for (JobReport.Point p : r.points()) {
      if ("FULL".equals(p.kind())) {
        last = p;
      }
    }
    return last;
  }

  private static List<double[]> series(JobReport r, String metric, boolean mixes) {
    List<double[]> points = new ArrayList<>();
    for (JobReport.Point p : r.points()) {
      Double v = p.metrics().get(metric);
      if (v != null && Double.isFinite(v) && (p.mixAlpha() != null) == mixes) {
        points.add(new double[] {p.step(), v});
      }
    }
    return points;
  }

  private static void decisionMarkers(JobReport r, SvgChart chart) {
    for (JobReport.DecisionMark d : r.decisions()) {
      String color =
          switch (d.decision()) {
            case "HALT", "FAIL" -> "#d62728";
            case "MIX" -> "#ff7f0e";
            case "COMPLETE" -> "#2ca02c";
            default -> null;
          };
      if (color != null) {
        chart.marker(d.step(), d.decision() + ": " + d.reason(), color);
      }
    }
  }
}
