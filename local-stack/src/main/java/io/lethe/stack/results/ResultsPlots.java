package io.lethe.stack.results;

import static io.lethe.stack.results.ResultsPlan.Control.HALT;
import static io.lethe.stack.results.ResultsPlan.Control.MIX;
import static io.lethe.stack.results.ResultsPlan.Control.UNCONTROLLED;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The figures of RESULTS.md: per method, model utility against steps with the floor and the
 * controller's decisions; across methods, forget quality (log scale), forget ROUGE-L, retain
 * ROUGE-L and — when it was computed — forget efficacy against steps; and model utility after each
 * task of the continual sequences.
 */
public final class ResultsPlots {

  /** A written figure: its file name in the plot directory, and what it shows. */
  public record Figure(String file, String caption) {}

  private static final Color[] PALETTE = {
    new Color(0xD62728), // GA
    new Color(0xFF7F0E), // GA+GD
    new Color(0x8C564B), // GA+KL
    new Color(0x1F77B4), // NPO+GD
    new Color(0x2CA02C), // ME+GD
    new Color(0x9467BD), // IDK+GD
    new Color(0x17BECF), // IDK+AP
    new Color(0xE377C2), // DPO+GD
  };

  private static final Color UNCONTROLLED_COLOR = new Color(0x888888);
  private static final Color HALT_COLOR = new Color(0x1F77B4);
  private static final Color MIX_COLOR = new Color(0x2CA02C);
  private static final Color FLOOR_COLOR = new Color(0xD62728);

  private ResultsPlots() {}

  /** The colour of {@code method} in every cross-method figure. */
  static Color color(String method) {
    int i = ResultsPlan.METHODS.indexOf(method);
    return PALETTE[Math.floorMod(i, PALETTE.length)];
  }

  /** Writes every figure of {@code d} into {@code dir}; returns them in document order. */
  public static List<Figure> write(ResultsData d, Path dir) {
    List<Figure> figures = new ArrayList<>();
    for (String method : d.methods()) {
      String file = "mu-" + ResultsPlan.Run.slug(method) + ".png";
      utilityOf(d, method).write(dir.resolve(file));
      figures.add(
          new Figure(
              file,
              method
                  + ": model utility per step — uncontrolled (grey), HALT (blue, dashed, drawn over"
                  + " the uncontrolled line)"
                  + (d.run(method, MIX).isPresent()
                      ? ", MIX (green; ◇ = mixed models labelled with α, drawn at α × the"
                          + " breach step)"
                      : "")
                  + "; red dotted = floor 0.9 × step 0; ✕ HALT, ○ COMPLETE, □ result"));
    }
    figures.add(
        across(
            d,
            Metrics.MU,
            "Model utility (uncontrolled runs)",
            "TOFU model utility",
            false,
            dir,
            "mu-all.png",
            "Model utility per step of every uncontrolled run"));
    figures.add(
        across(
            d,
            Metrics.FQ,
            "Forget quality (uncontrolled runs, log scale)",
            "forget quality (KS p-value)",
            true,
            dir,
            "forget-quality.png",
            "Forget quality per step (log scale); dotted: 0.05 and the retain model's 1"));
    figures.add(
        across(
            d,
            Metrics.ROUGE_FORGET,
            "Forget ROUGE-L recall (uncontrolled runs)",
            "ROUGE-L recall, forget set",
            false,
            dir,
            "forget-rouge.png",
            "Forget-set ROUGE-L recall per step"));
    figures.add(
        across(
            d,
            Metrics.ROUGE_RETAIN,
            "Retain ROUGE-L recall (uncontrolled runs)",
            "ROUGE-L recall, retain set",
            false,
            dir,
            "retain-rouge.png",
            "Retain-set ROUGE-L recall per step"));
    boolean efficacy =
        d.runs().stream()
            .flatMap(r -> r.trajectory().stream())
            .anyMatch(p -> !Double.isNaN(p.metric(Metrics.FORGET_EFFICACY)));
    if (!d.continual().isEmpty()) {
      continual(d).write(dir.resolve(CONTINUAL_FILE));
      figures.add(
          new Figure(
              CONTINUAL_FILE,
              "Continual unlearning (claim 8): model utility after each task of "
                  + ResultsPlan.CONTINUAL_SPLIT
                  + " (task 0 = the target model)"));
    }
    if (efficacy) {
      figures.add(
          across(
              d,
              Metrics.FORGET_EFFICACY,
              "Forget efficacy (uncontrolled runs)",
              "forget efficacy",
              false,
              dir,
              "forget-efficacy.png",
              "Forget efficacy per step"));
    }
    return figures;
  }

  /** File of the continual figure. */
  static final String CONTINUAL_FILE = "continual-mu.png";

  /** MU after each continual task, one line per method. */
  static LinePlot continual(ResultsData d) {
    LinePlot plot =
        new LinePlot(
            "Continual unlearning: model utility after each task",
            "tasks unlearned",
            "TOFU model utility",
            false);
    for (String method : ResultsPlan.CONTINUAL_METHODS) {
      List<Double> mu = ContinualClaim.utilityAfterEachTask(d.continual(method));
      if (mu.isEmpty()) {
        continue;
      }
      List<double[]> points = new ArrayList<>();
      for (int t = 0; t < mu.size(); t++) {
        points.add(new double[] {t, mu.get(t)});
      }
      plot.add(new LinePlot.Series(method, color(method), false, points));
    }
    return plot;
  }

  /** MU of one method's runs with its floor, decisions and result. */
  static LinePlot utilityOf(ResultsData d, String method) {
    LinePlot plot =
        new LinePlot(
            method + ": model utility per step", "optimizer step", "TOFU model utility", false);
    Optional<RunRecord> free = d.run(method, UNCONTROLLED);
    Optional<RunRecord> halt = d.run(method, HALT);
    Optional<RunRecord> mix = d.run(method, MIX);
    free.ifPresent(
        r ->
            plot.add(
                new LinePlot.Series(
                    "uncontrolled", UNCONTROLLED_COLOR, false, series(r, Metrics.MU))));
    halt.ifPresent(
        r -> plot.add(new LinePlot.Series("HALT", HALT_COLOR, true, series(r, Metrics.MU))));
    mix.ifPresent(
        r -> plot.add(new LinePlot.Series("MIX", MIX_COLOR, true, series(r, Metrics.MU))));
    double floor =
        halt.map(r -> r.floor(Metrics.MU))
            .filter(f -> !Double.isNaN(f))
            .orElse(
                free.map(r -> (1 - ResultsPlan.CONTROLLED_DROP) * r.atStart(Metrics.MU))
                    .orElse(Double.NaN));
    if (!Double.isNaN(floor)) {
      plot.add(
          new LinePlot.Rule(String.format(Locale.ROOT, "floor %.3f", floor), floor, FLOOR_COLOR));
    }
    halt.ifPresent(r -> decisions(plot, r, HALT_COLOR));
    mix.ifPresent(
        r -> {
          decisions(plot, r, MIX_COLOR);
          for (RunRecord.Point p : r.mixes()) {
            // θ = (1 − α)·θ_start + α·θ_step lies between step 0 and the breach: drawn at α × step
            plot.add(
                new LinePlot.Marker(
                    p.mixAlpha() * p.step(),
                    p.metric(Metrics.MU),
                    LinePlot.Shape.DIAMOND,
                    MIX_COLOR,
                    String.format(Locale.ROOT, "%.3f", p.mixAlpha())));
          }
        });
    plot.note("✕ HALT  ○ COMPLETE  □ result");
    plot.note("◇ mixed model: label α,");
    plot.note("   drawn at α × breach step");
    return plot;
  }

  private static void decisions(LinePlot plot, RunRecord r, Color color) {
    for (RunRecord.Mark m : r.decisions()) {
      Optional<RunRecord.Point> at =
          r.trajectory().stream().filter(p -> p.step() == m.step()).findFirst();
      double y = at.map(p -> p.metric(Metrics.MU)).orElse(Double.NaN);
      switch (m.decision()) {
        case "HALT", "FAIL" ->
            plot.add(
                new LinePlot.Marker(m.step(), y, LinePlot.Shape.CROSS, FLOOR_COLOR, m.decision()));
        case "COMPLETE" -> {
          if (m.mixAlpha() == null && r.resultAlpha() == null) {
            plot.add(new LinePlot.Marker(m.step(), y, LinePlot.Shape.CIRCLE, color, null));
          }
        }
        default -> {}
      }
    }
    r.result()
        .ifPresent(
            p ->
                plot.add(
                    new LinePlot.Marker(
                        p.mixAlpha() == null ? p.step() : p.mixAlpha() * p.step(),
                        p.metric(Metrics.MU),
                        LinePlot.Shape.SQUARE,
                        color,
                        p.mixAlpha() == null ? "result" : null)));
  }

  private static Figure across(
      ResultsData d,
      String metric,
      String title,
      String yLabel,
      boolean log,
      Path dir,
      String file,
      String caption) {
    LinePlot plot = new LinePlot(title, "optimizer step", yLabel, log);
    for (String method : d.methods()) {
      d.run(method, UNCONTROLLED)
          .ifPresent(
              r -> plot.add(new LinePlot.Series(method, color(method), false, series(r, metric))));
    }
    if (metric.equals(Metrics.FQ)) {
      plot.add(new LinePlot.Rule("0.05", 0.05, FLOOR_COLOR));
      d.retainModel()
          .map(p -> p.metric(Metrics.FQ))
          .filter(v -> v > 0)
          .ifPresent(
              v ->
                  plot.add(
                      new LinePlot.Rule(
                          String.format(Locale.ROOT, "retain model %.2f", v), v, Color.GRAY)));
    }
    plot.write(dir.resolve(file));
    return new Figure(file, caption);
  }

  /** {step, value} of {@code metric} along the run's trajectory. */
  static List<double[]> series(RunRecord r, String metric) {
    List<double[]> points = new ArrayList<>();
    for (RunRecord.Point p : r.trajectory()) {
      points.add(new double[] {p.step(), p.metric(metric)});
    }
    return points;
  }
}
