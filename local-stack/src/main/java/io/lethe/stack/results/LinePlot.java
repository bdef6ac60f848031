package io.lethe.stack.results;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A line chart drawn with plain Java2D and written as PNG (headless, no plotting library): series
 * of (x, y) points, horizontal reference lines (a floor), and point markers (the controller's
 * decisions), on a linear or a log₁₀ y axis.
 */
public final class LinePlot {

  /** The shape of a decision marker. */
  public enum Shape {
    CROSS,
    DIAMOND,
    CIRCLE,
    SQUARE
  }

  /** A line through {@code points} ({x, y}); NaN and (on a log axis) non-positive y are skipped. */
  public record Series(String name, Color color, boolean dashed, List<double[]> points) {
    public Series {
      points = List.copyOf(points);
    }
  }

  /** A horizontal line at {@code y}, labelled at its right end. */
  public record Rule(String label, double y, Color color) {}

  /** A marker at ({@code x}, {@code y}) with an optional label above it. */
  public record Marker(double x, double y, Shape shape, Color color, String label) {}

  static final int WIDTH = 900;
  static final int HEIGHT = 480;
  private static final int LEFT = 80;
  private static final int RIGHT = 210; // room for the legend
  private static final int TOP = 40;
  private static final int BOTTOM = 55;

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final boolean logY;
  private final List<Series> series = new ArrayList<>();
  private final List<Rule> rules = new ArrayList<>();
  private final List<Marker> markers = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  public LinePlot(String title, String xLabel, String yLabel, boolean logY) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
    this.logY = logY;
  }

  public LinePlot add(Series s) {
    series.add(s);
    return this;
  }

  public LinePlot add(Rule r) {
    rules.add(r);
    return this;
  }

  public LinePlot add(Marker m) {
    markers.add(m);
    return this;
  }

  /** A line of text under the legend (e.g. a marker key). */
  public LinePlot note(String text) {
    notes.add(text);
    return this;
  }

  /** Whether any series has a point that can be drawn. */
  public boolean hasData() {
    return series.stream().anyMatch(s -> s.points().stream().anyMatch(this::drawable));
  }

  /** Renders the chart and writes it to {@code file} as PNG. */
  public void write(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      if (!ImageIO.write(render(), "png", file.toFile())) {
        throw new IOException("no PNG writer");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Renders the chart. */
  public BufferedImage render() {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      draw(g);
    } finally {
      g.dispose();
    }
    return image;
  }

  private void draw(Graphics2D g) {
    double[] x = xRange();
    double[] y = yRange();
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    Font base = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    g.setFont(base.deriveFont(Font.BOLD, 15f));
    g.setColor(Color.BLACK);
    g.drawString(title, LEFT, TOP - 15);
    g.setFont(base);

    // grid and ticks
    g.setColor(new Color(0xDDDDDD));
    g.drawRect(LEFT, TOP, plotW, plotH);
    for (double t : yTicks(y)) {
      int py = py(logY ? Math.pow(10, t) : t, y, plotH); // log ticks are decades
      g.setColor(new Color(0xEEEEEE));
      g.drawLine(LEFT, py, LEFT + plotW, py);
      g.setColor(Color.DARK_GRAY);
      String label = logY ? logLabel(t) : String.format(Locale.ROOT, "%.2f", t);
      FontMetrics fm = g.getFontMetrics();
      g.drawString(label, LEFT - 6 - fm.stringWidth(label), py + fm.getAscent() / 2 - 1);
    }
    double xStep = niceStep(x[1] - x[0]);
    for (double t = Math.ceil(x[0] / xStep) * xStep; t <= x[1] + 1e-9; t += xStep) {
      int px = px(t, x, plotW);
      g.setColor(new Color(0xEEEEEE));
      g.drawLine(px, TOP, px, TOP + plotH);
      g.setColor(Color.DARK_GRAY);
      String label =
          t == Math.rint(t) ? Long.toString(Math.round(t)) : String.format(Locale.ROOT, "%.2f", t);
      g.drawString(label, px - g.getFontMetrics().stringWidth(label) / 2, TOP + plotH + 16);
    }
    g.setColor(Color.BLACK);
    g.drawLine(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH);
    g.drawLine(LEFT, TOP, LEFT, TOP + plotH);
    g.drawString(
        xLabel, LEFT + plotW / 2 - g.getFontMetrics().stringWidth(xLabel) / 2, HEIGHT - 15);
    Graphics2D rotated = (Graphics2D) g.create();
    rotated.rotate(-Math.PI / 2);
    rotated.drawString(yLabel, -(TOP + plotH / 2 + g.getFontMetrics().stringWidth(yLabel) / 2), 18);
    rotated.dispose();

    Stroke solid = new BasicStroke(2.2f);
    Stroke dashed =
        new BasicStroke(
            2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {7f, 5f}, 0f);
    for (Rule r : rules) {
      if (!drawable(new double[] {x[0], r.y()})) {
        continue;
      }
      int py = py(r.y(), y, plotH);
      g.setColor(r.color());
      g.setStroke(
          new BasicStroke(
              1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {3f, 3f}, 0f));
      g.drawLine(LEFT, py, LEFT + plotW, py);
      g.drawString(r.label(), LEFT + plotW - g.getFontMetrics().stringWidth(r.label()) - 4, py - 4);
    }
    for (Series s : series) {
      Path2D.Double path = new Path2D.Double();
      boolean started = false;
      g.setColor(s.color());
      g.setStroke(s.dashed() ? dashed : solid);
      for (double[] p : s.points()) {
        if (!drawable(p)) {
          continue;
        }
        double px = px(p[0], x, plotW);
        double py = py(p[1], y, plotH);
        if (started) {
          path.lineTo(px, py);
        } else {
          path.moveTo(px, py);
          started = true;
        }
      }
      g.draw(path);
      g.setStroke(new BasicStroke(1f));
      for (double[] p : s.points()) {
        if (drawable(p)) {
          g.fillOval(px(p[0], x, plotW) - 3, py(p[1], y, plotH) - 3, 7, 7);
        }
      }
    }
    g.setStroke(new BasicStroke(2f));
    for (Marker m : markers) {
      if (!drawable(new double[] {m.x(), m.y()})) {
        continue;
      }
      int px = px(m.x(), x, plotW);
      int py = py(m.y(), y, plotH);
      g.setColor(m.color());
      shape(g, m.shape(), px, py, 7);
      if (m.label() != null && !m.label().isEmpty()) {
        g.drawString(m.label(), px + 8, py - 8);
      }
    }

    // legend
    g.setStroke(new BasicStroke(1f));
    int lx = WIDTH - RIGHT + 15;
    int ly = TOP + 10;
    for (Series s : series) {
      g.setColor(s.color());
      g.setStroke(s.dashed() ? dashed : solid);
      g.drawLine(lx, ly, lx + 28, ly);
      g.setStroke(new BasicStroke(1f));
      g.setColor(Color.BLACK);
      g.drawString(s.name(), lx + 34, ly + 4);
      ly += 18;
    }
    ly += 6;
    g.setColor(Color.DARK_GRAY);
    for (String n : notes) {
      g.drawString(n, lx, ly + 4);
      ly += 16;
    }
    if (!hasData()) {
      g.setColor(Color.GRAY);
      g.setFont(base.deriveFont(Font.ITALIC, 14f));
      g.drawString("no data", LEFT + plotW / 2 - 25, TOP + plotH / 2);
    }
  }

  private static void shape(Graphics2D g, Shape shape, int x, int y, int r) {
    switch (shape) {
      case CROSS -> {
        g.drawLine(x - r, y - r, x + r, y + r);
        g.drawLine(x - r, y + r, x + r, y - r);
      }
      case DIAMOND -> {
        Path2D.Double d = new Path2D.Double();
        d.moveTo(x, y - r);
        d.lineTo(x + r, y);
        d.lineTo(x, y + r);
        d.lineTo(x - r, y);
        d.closePath();
        g.draw(d);
      }
      case CIRCLE -> g.drawOval(x - r, y - r, 2 * r, 2 * r);
      case SQUARE -> g.drawRect(x - r, y - r, 2 * r, 2 * r);
    }
  }

  boolean drawable(double[] p) {
    return Double.isFinite(p[0]) && Double.isFinite(p[1]) && (!logY || p[1] > 0);
  }

  /** [min, max] of x over series and markers, starting at 0. */
  double[] xRange() {
    double max = 1;
    for (Series s : series) {
      for (double[] p : s.points()) {
        if (drawable(p)) {
          max = Math.max(max, p[0]);
        }
      }
    }
    for (Marker m : markers) {
      if (Double.isFinite(m.x())) {
        max = Math.max(max, m.x());
      }
    }
    return new double[] {0, max};
  }

  /**
   * [min, max] of y: linear axes span [min(0, data), max(1, data)]; log axes the decades around the
   * data.
   */
  double[] yRange() {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (double[] p : s.points()) {
        if (drawable(p)) {
          min = Math.min(min, p[1]);
          max = Math.max(max, p[1]);
        }
      }
    }
    for (Rule r : rules) {
      if (drawable(new double[] {0, r.y()})) {
        min = Math.min(min, r.y());
        max = Math.max(max, r.y());
      }
    }
    for (Marker m : markers) {
      if (drawable(new double[] {m.x(), m.y()})) {
        min = Math.min(min, m.y());
        max = Math.max(max, m.y());
      }
    }
    if (logY) {
      if (!Double.isFinite(min)) {
        return new double[] {-3, 0};
      }
      double lo = Math.floor(Math.log10(min));
      double hi = Math.ceil(Math.log10(max)) + 0.0; // + 0.0: no negative zero
      return new double[] {lo, hi == lo ? lo + 1 : hi};
    }
    if (!Double.isFinite(min)) {
      return new double[] {0, 1};
    }
    return new double[] {Math.min(0, min), Math.max(1, max * 1.05)};
  }

  private List<Double> yTicks(double[] y) {
    List<Double> ticks = new ArrayList<>();
    if (logY) {
      int every = (int) Math.max(1, Math.ceil((y[1] - y[0]) / 10));
      for (double d = y[0]; d <= y[1] + 1e-9; d += every) {
        ticks.add(d);
      }
      return ticks;
    }
    double step = niceStep(y[1] - y[0]);
    for (double t = Math.ceil(y[0] / step) * step; t <= y[1] + 1e-9; t += step) {
      ticks.add(t);
    }
    return ticks;
  }

  /** A round tick step giving 5–10 ticks over {@code span}. */
  static double niceStep(double span) {
    double raw = span / 8;
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (raw <= m * magnitude) {
        return m * magnitude;
      }
    }
    return 10 * magnitude;
  }

  private static String logLabel(double decade) {
    return decade == 0 ? "1" : "1e" + Math.round(decade);
  }

  private int px(double value, double[] x, int plotW) {
    return LEFT + (int) Math.round((value - x[0]) / (x[1] - x[0]) * plotW);
  }

  /** Pixel row of {@code value}: for a log axis {@code y} holds decades. */
  int py(double value, double[] y, int plotH) {
    double v = logY ? Math.log10(value) : value;
    return TOP + plotH - (int) Math.round((v - y[0]) / (y[1] - y[0]) * plotH);
  }
}
