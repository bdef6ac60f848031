package io.lethe.stack.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plotter draws headless PNGs with the series, the floor and the markers where they belong. */
class LinePlotTest {

  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  @Test
  void writesAReadablePngWithTheSeriesColour(@TempDir Path dir) throws Exception {
    Color red = new Color(0xD62728);
    LinePlot plot =
        new LinePlot("MU", "step", "MU", false)
            .add(
                new LinePlot.Series(
                    "GA", red, false, List.of(new double[] {0, 0.8}, new double[] {25, 0.1})))
            .add(new LinePlot.Rule("floor", 0.72, Color.BLUE))
            .add(new LinePlot.Marker(10, 0.4, LinePlot.Shape.CROSS, Color.BLACK, "HALT"));
    Path file = dir.resolve("mu.png");

    plot.write(file);

    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(image.getWidth()).isEqualTo(LinePlot.WIDTH);
    assertThat(image.getHeight()).isEqualTo(LinePlot.HEIGHT);
    int reds = 0;
    for (int x = 0; x < image.getWidth(); x++) {
      for (int y = 0; y < image.getHeight(); y++) {
        if (image.getRGB(x, y) == red.getRGB()) {
          reds++;
        }
      }
    }
    assertThat(reds).as("pixels of the series' colour").isGreaterThan(100);
    assertThat(Files.size(file)).isGreaterThan(1000);
  }

  @Test
  void aLogAxisSpansTheDecadesOfTheDataAndSkipsNonPositiveValues() {
    LinePlot plot =
        new LinePlot("FQ", "step", "FQ", true)
            .add(
                new LinePlot.Series(
                    "GA",
                    Color.RED,
                    false,
                    List.of(new double[] {0, 1e-7}, new double[] {5, 0}, new double[] {10, 0.3})));
    assertThat(plot.yRange()).containsExactly(-7.0, 0.0);
    assertThat(plot.drawable(new double[] {5, 0})).isFalse();
    assertThat(plot.py(1e-7, plot.yRange(), 100)).isGreaterThan(plot.py(0.3, plot.yRange(), 100));
    assertThat(plot.hasData()).isTrue();
  }

  @Test
  void aPlotWithoutDrawablePointsSaysSo() {
    LinePlot plot =
        new LinePlot("FE", "step", "FE", false)
            .add(
                new LinePlot.Series("GA", Color.RED, false, List.of(new double[] {0, Double.NaN})));
    assertThat(plot.hasData()).isFalse();
    assertThat(plot.render().getWidth()).isEqualTo(LinePlot.WIDTH);
  }

  @Test
  void tickStepsAreRound() {
    assertThat(LinePlot.niceStep(25)).isEqualTo(5.0);
    assertThat(LinePlot.niceStep(1)).isEqualTo(0.2);
  }
}
