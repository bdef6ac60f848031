package io.lethe.orchestrator.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small self-contained SVG line chart (no JavaScript, no external assets), so a report is one
 * HTML file that opens anywhere and can be archived with the job.
 */
final class SvgChart {

  /** A named series of (x, y) points. */
  record Series(String name, String color, List<double[]> points) {}

  /** A vertical marker (e.g. a controller decision) at x. */
  record Marker(double x, String label, String color) {}

  private static final int W = 720;
  private static final int H = 300;
  private static final int LEFT = 50;
  private static final int RIGHT = 170;
  private static final int TOP = 20;
  private static final int BOTTOM = 40;

  private final String title;
  private final List<Series> series = new ArrayList<>();
  private final List<Marker> markers = new ArrayList<>();
  private final List<double[]> horizontals = new ArrayList<>(); // y, colour index unused
  private final List<String> horizontalLabels = new ArrayList<>();

  SvgChart(String title) {
    this.title = title;
  }

  SvgChart series(String name, String color, List<double[]> points) {
    if (!points.isEmpty()) {
      series.add(new Series(name, color, points));
    }
    return this;
  }

  SvgChart horizontal(double y, String label) {
    horizontals.add(new double[] {y});
    horizontalLabels.add(label);
    return this;
  }

  SvgChart marker(double x, String label, String color) {
    markers.add(new Marker(x, label, color));
    return this;
  }

  boolean isEmpty() {
    return series.isEmpty();
  }

  String render() {
    double maxX = 1;
    double maxY = 1;
    for (Series s : series) {
      for (double[] p : s.points()) {
        maxX = Math.max(maxX, p[0]);
        maxY = Math.max(maxY, p[1]);
      }
    }
    for (Marker m : markers) {
      maxX = Math.max(maxX, m.x());
    }
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' viewBox='0 0 %d %d'"
                + " role='img' aria-label='%s'>",
            W,
            H,
            W,
            H,
            Html.escape(title)));
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x='%d' y='14' font-size='13' font-weight='bold'>%s</text>",
            LEFT,
            Html.escape(title)));
    int plotW = W - LEFT - RIGHT;
    int plotH = H - TOP - BOTTOM;
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect x='%d' y='%d' width='%d' height='%d' fill='none' stroke='#999'/>",
            LEFT,
            TOP,
            plotW,
            plotH));
    for (int i = 0; i <= 4; i++) {
      double v = maxY * i / 4;
      double y = TOP + plotH - plotH * i / 4.0;
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x='%d' y='%.1f' font-size='10' text-anchor='end'>%.2f</text>",
              LEFT - 4,
              y + 3,
              v));
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x='%d' y='%d' font-size='10'>step 0</text><text x='%d' y='%d' font-size='10'"
                + " text-anchor='end'>step %.0f</text>",
            LEFT,
            H - BOTTOM + 14,
            LEFT + plotW,
            H - BOTTOM + 14,
            maxX));
    for (int i = 0; i < horizontals.size(); i++) {
      double y = TOP + plotH - plotH * horizontals.get(i)[0] / maxY;
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1='%d' y1='%.1f' x2='%d' y2='%.1f' stroke='#c00' stroke-dasharray='6,3'/>"
                  + "<text x='%d' y='%.1f' font-size='10' fill='#c00'>%s</text>",
              LEFT,
              y,
              LEFT + plotW,
              y,
              LEFT + plotW + 4,
              y + 3,
              Html.escape(horizontalLabels.get(i))));
    }
    for (Marker m : markers) {
      double x = LEFT + plotW * m.x() / maxX;
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1='%.1f' y1='%d' x2='%.1f' y2='%d' stroke='%s' stroke-width='2' opacity='0.6'>"
                  + "<title>%s</title></line>",
              x,
              TOP,
              x,
              TOP + plotH,
              m.color(),
              Html.escape(m.label())));
    }
    int legendY = TOP + 10;
    for (Series s : series) {
      StringBuilder path = new StringBuilder();
      for (double[] p : s.points()) {
        double x = LEFT + plotW * p[0] / maxX;
        double y = TOP + plotH - plotH * p[1] / maxY;
        path.append(path.length() == 0 ? "M" : " L")
            .append(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
        svg.append(
            String.format(
                Locale.ROOT,
                "<circle cx='%.1f' cy='%.1f' r='3' fill='%s'><title>%s: step %.0f = %.4f</title></circle>",
                x,
                y,
                s.color(),
                Html.escape(s.name()),
                p[0],
                p[1]));
      }
      svg.append(
          String.format(
              Locale.ROOT,
              "<path d='%s' fill='none' stroke='%s' stroke-width='2'/>",
              path,
              s.color()));
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x='%d' y='%d' width='10' height='10' fill='%s'/><text x='%d' y='%d'"
                  + " font-size='10'>%s</text>",
              LEFT + plotW + 4,
              legendY + 12,
              s.color(),
              LEFT + plotW + 18,
              legendY + 21,
              Html.escape(s.name())));
      legendY += 14;
    }
    svg.append("</svg>");
    return svg.toString();
  }
}
