package io.lethe.stack.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns stored reports into {@code RESULTS.md} and its figures: loads them, checks the claims,
 * draws the plots, writes the markdown. Needs no running stack.
 */
public final class ResultsDocument {

  /** Directory of the figures and stored reports, relative to RESULTS.md. */
  public static final String PLOT_DIR = "results";

  public static final String FILE = "RESULTS.md";

  private ResultsDocument() {}

  /** The store of a document in {@code outDirectory}. */
  public static ResultsStore store(Path outDirectory) {
    return new ResultsStore(outDirectory.resolve(PLOT_DIR));
  }

  /**
   * Writes RESULTS.md into {@code outDirectory} from its store; returns the claims.
   *
   * @param renderCommit the commit rendering it, or null
   */
  public static List<ClaimResult> write(Path outDirectory, String renderCommit) {
    System.setProperty("java.awt.headless", "true");
    ResultsData data = store(outDirectory).load();
    List<ClaimResult> claims = ClaimChecks.all(data);
    List<ResultsPlots.Figure> figures = ResultsPlots.write(data, outDirectory.resolve(PLOT_DIR));
    String md = ResultsMarkdown.render(data, claims, figures, PLOT_DIR, renderCommit);
    try {
      Files.writeString(outDirectory.resolve(FILE), md);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + outDirectory.resolve(FILE), e);
    }
    return claims;
  }
}
