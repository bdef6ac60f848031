package io.lethe.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads, so a dashboard can be checked against what the
 * services expose. Not a parser: it removes what cannot be a metric name — string literals, label
 * matchers, range and subquery brackets (where Grafana's {@code $__rate_interval} lives), grouping
 * label lists — and keeps every identifier that is not a function call or a keyword.
 */
final class PromQl {

  private static final Pattern STRINGS =
      Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
  private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
  private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
  private static final Pattern GROUPING =
      Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern IDENTIFIER =
      Pattern.compile("(?<![\\w:.$])([a-zA-Z_:][a-zA-Z0-9_:]*)(?!\\s*\\()(?![\\w:])");
  private static final Set<String> KEYWORDS =
      Set.of(
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "bool",
          "and",
          "or",
          "unless",
          "offset",
          "atan2",
          "inf",
          "nan",
          "Inf",
          "NaN");

  private static final Pattern SELECTOR =
      Pattern.compile("(?<![\\w:.$])([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{([^}]*)}");
  private static final Pattern EQUALITY_MATCHER =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern BY = Pattern.compile("\\bby\\s*\\(([^)]*)\\)");

  /** A metric a query selects and the label values it requires ({@code =} matchers only). */
  record Selector(String metric, Map<String, String> requiredLabels) {}

  private PromQl() {}

  /**
   * Every series selector of {@code expression}: {@code lethe_x{topic="a"}} requires a series of
   * {@code lethe_x} with {@code topic="a"}; a bare name requires any series of it. Regex and
   * negative matchers select too much to be checked and are left out.
   */
  static List<Selector> selectors(String expression) {
    List<Selector> out = new ArrayList<>();
    Set<String> withMatchers = new TreeSet<>();
    Matcher selector = SELECTOR.matcher(expression);
    while (selector.find()) {
      Map<String, String> labels = new TreeMap<>();
      Matcher matcher = EQUALITY_MATCHER.matcher(selector.group(2));
      while (matcher.find()) {
        // only "name=" is followed by a quote: "!=" and "=~" never match the pattern
        labels.put(matcher.group(1), matcher.group(2));
      }
      out.add(new Selector(selector.group(1), labels));
      withMatchers.add(selector.group(1));
    }
    for (String name : metricNames(expression)) {
      if (!withMatchers.contains(name)) {
        out.add(new Selector(name, Map.of()));
      }
    }
    return out;
  }

  /** The labels {@code expression} aggregates by ({@code sum by (a, b) (...)}). */
  static Set<String> groupingLabels(String expression) {
    Set<String> labels = new TreeSet<>();
    Matcher by = BY.matcher(STRINGS.matcher(expression).replaceAll(" "));
    while (by.find()) {
      for (String label : by.group(1).split(",")) {
        if (!label.isBlank()) {
          labels.add(label.strip());
        }
      }
    }
    return labels;
  }

  /** Every metric name {@code expression} selects, e.g. {@code lethe_events_consumed_total}. */
  static Set<String> metricNames(String expression) {
    if (expression.contains("__name__")) {
      throw new IllegalArgumentException(
          "selecting metrics by __name__ hides their names from the check: " + expression);
    }
    String rest = STRINGS.matcher(expression).replaceAll(" ");
    rest = MATCHERS.matcher(rest).replaceAll(" ");
    rest = RANGES.matcher(rest).replaceAll(" ");
    rest = GROUPING.matcher(rest).replaceAll(" ");
    Set<String> names = new TreeSet<>();
    Matcher m = IDENTIFIER.matcher(rest);
    while (m.find()) {
      if (!KEYWORDS.contains(m.group(1))) {
        names.add(m.group(1));
      }
    }
    return names;
  }
}
