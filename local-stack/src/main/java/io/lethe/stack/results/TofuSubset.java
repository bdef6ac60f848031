package io.lethe.stack.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A TOFU-format directory with a subset of TOFU's authors that trains on 2 cores: the first {@code
 * N − f} authors as retain authors and the last {@code f = max(1, round(N / 10))} as the forget10
 * authors, so that every row the metrics need (paraphrased and perturbed answers) exists in TOFU's
 * own files. Rows are copied byte for byte; the real-author and world-fact sets and the refusal
 * templates are copied whole. The subset is written into the data directory, never into the
 * repository.
 */
public final class TofuSubset {

  /** Rows per author in TOFU (author blocks of 20 consecutive rows). */
  static final int ROWS_PER_AUTHOR = 20;

  /** TOFU's retain evaluation set covers its first 20 authors. */
  static final int RETAIN_EVAL_AUTHORS = 20;

  private static final List<String> COPIED =
      List.of("real_authors_perturbed.jsonl", "world_facts_perturbed.jsonl", "idontknow.jsonl");

  private TofuSubset() {}

  /** Forget authors of a subset of {@code authors}. */
  static int forgetAuthors(int authors) {
    return Math.max(1, (int) Math.round(authors / 10.0));
  }

  /**
   * Writes the subset of {@code authors} authors of TOFU directory {@code source} into {@code
   * target}; returns {@code target}.
   */
  public static Path write(Path source, int authors, Path target) {
    try {
      List<String> full = lines(source.resolve("full.jsonl"));
      List<String> forgetPerturbed = lines(source.resolve("forget10_perturbed.jsonl"));
      List<String> retainPerturbed = lines(source.resolve("retain_perturbed.jsonl"));
      int total = full.size() / ROWS_PER_AUTHOR;
      int forget = forgetAuthors(authors);
      int retain = authors - forget;
      if (full.size() % ROWS_PER_AUTHOR != 0 || authors > total) {
        throw new IllegalArgumentException(
            source
                + ": full.jsonl has "
                + full.size()
                + " rows, not "
                + authors
                + " authors of 20");
      }
      if (forget * ROWS_PER_AUTHOR > forgetPerturbed.size()) {
        throw new IllegalArgumentException(
            source + ": forget10_perturbed.jsonl covers fewer than " + forget + " authors");
      }
      List<String> retainRows = full.subList(0, retain * ROWS_PER_AUTHOR);
      List<String> forgetRows = full.subList(full.size() - forget * ROWS_PER_AUTHOR, full.size());
      List<String> subsetFull = new ArrayList<>(retainRows);
      subsetFull.addAll(forgetRows);
      Files.createDirectories(target);
      write(target.resolve("full.jsonl"), subsetFull);
      write(target.resolve("retain90.jsonl"), retainRows);
      write(target.resolve("forget10.jsonl"), forgetRows);
      write(
          target.resolve("forget10_perturbed.jsonl"),
          forgetPerturbed.subList(
              forgetPerturbed.size() - forget * ROWS_PER_AUTHOR, forgetPerturbed.size()));
      write(
          target.resolve("retain_perturbed.jsonl"),
          retainPerturbed.subList(
              0,
              Math.min(
                  retainPerturbed.size(),
                  Math.min(retain, RETAIN_EVAL_AUTHORS) * ROWS_PER_AUTHOR)));
      for (String name : COPIED) {
        Files.copy(
            source.resolve(name),
            target.resolve(name),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the TOFU subset to " + target, e);
    }
  }

  /** The non-blank lines of a JSON Lines file. */
  private static List<String> lines(Path file) throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
        .filter(l -> !l.isBlank())
        .toList();
  }

  private static void write(Path file, List<String> rows) throws IOException {
    Files.write(file, rows, StandardCharsets.UTF_8);
  }
}
