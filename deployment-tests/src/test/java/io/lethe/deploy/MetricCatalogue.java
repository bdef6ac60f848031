package io.lethe.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A metric catalogue table of a README (columns {@code metric}, {@code type}, {@code tags}, …), so
 * that the dashboard, the READMEs and what the services expose can be held to one another.
 */
final class MetricCatalogue {

  /**
   * One documented metric.
   *
   * @param metric the name PromQL selects, timers without their {@code _count}/{@code _sum}/{@code
   *     _max} suffix
   * @param type {@code counter}, {@code gauge} or {@code timer}
   * @param tags the tag (label) names, example values in parentheses left out
   */
  record Entry(String metric, String type, Set<String> tags) {}

  private static final Pattern CODE = Pattern.compile("`([^`]+)`");
  private static final Pattern PARENTHESES = Pattern.compile("\\([^)]*\\)");
  private static final Pattern TIMER_SAMPLE = Pattern.compile("(.+)_(count|sum|max)");

  private final Path source;
  private final List<Entry> entries;

  private MetricCatalogue(Path source, List<Entry> entries) {
    this.source = source;
    this.entries = List.copyOf(entries);
  }

  /** The first table after the line {@code heading} (e.g. {@code ## Metric catalogue}). */
  static MetricCatalogue read(Path markdown, String heading) {
    List<String> lines;
    try {
      lines = Files.readAllLines(markdown);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + markdown, e);
    }
    int at = lines.indexOf(heading);
    if (at < 0) {
      throw new AssertionError(markdown + " has no line '" + heading + "'");
    }
    while (at < lines.size() && !lines.get(at).startsWith("|")) {
      at++;
    }
    if (at == lines.size()) {
      throw new AssertionError(markdown + ": no table after '" + heading + "'");
    }
    List<String> header = cells(lines.get(at));
    int metric = column(markdown, header, "metric");
    int type = column(markdown, header, "type");
    int tags = column(markdown, header, "tags");
    List<Entry> entries = new ArrayList<>();
    // at + 1 is the |---| separator
    for (int i = at + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      List<String> row = cells(lines.get(i));
      Set<String> tagNames = new TreeSet<>(code(PARENTHESES.matcher(row.get(tags)).replaceAll("")));
      for (String name : code(row.get(metric))) {
        entries.add(new Entry(name, row.get(type), tagNames));
      }
    }
    return new MetricCatalogue(markdown, entries);
  }

  List<Entry> entries() {
    return entries;
  }

  Path source() {
    return source;
  }

  /** The entry documenting a sample name ({@code lethe_x_total}, {@code lethe_timer_count}, …). */
  Optional<Entry> entryOf(String sample) {
    for (Entry entry : entries) {
      if (entry.metric().equals(sample)) {
        return Optional.of(entry);
      }
      Matcher timer = TIMER_SAMPLE.matcher(sample);
      if ("timer".equals(entry.type())
          && timer.matches()
          && timer.group(1).equals(entry.metric())) {
        return Optional.of(entry);
      }
    }
    return Optional.empty();
  }

  private static List<String> cells(String line) {
    String inner = line.strip();
    inner = inner.substring(1, inner.endsWith("|") ? inner.length() - 1 : inner.length());
    return Arrays.stream(inner.split("\\|", -1)).map(String::strip).toList();
  }

  private static int column(Path markdown, List<String> header, String name) {
    int index = header.indexOf(name);
    if (index < 0) {
      throw new AssertionError(markdown + ": the catalogue has no column '" + name + "'");
    }
    return index;
  }

  private static Set<String> code(String cell) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = CODE.matcher(cell);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
