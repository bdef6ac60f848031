package io.lethe.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Prometheus text exposition ({@code /q/metrics}) as PromQL sees it: samples named with their
 * {@code _total}, {@code _count}, {@code _sum}, {@code _max} suffixes, and their labels.
 */
final class MetricsText {

  /** One sample line: its name, labels and value. */
  record Sample(String name, Map<String, String> labels, double value) {}

  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

  private MetricsText() {}

  static Set<String> sampleNames(String exposition) {
    Set<String> names = new TreeSet<>();
    samples(exposition).forEach(s -> names.add(s.name()));
    return names;
  }

  static List<Sample> samples(String exposition) {
    List<Sample> out = new ArrayList<>();
    for (String line : exposition.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      int end = 0;
      while (end < trimmed.length() && trimmed.charAt(end) != '{' && trimmed.charAt(end) != ' ') {
        end++;
      }
      Map<String, String> labels = new LinkedHashMap<>();
      int valueFrom = end;
      if (end < trimmed.length() && trimmed.charAt(end) == '{') {
        int close = closingBrace(trimmed, end);
        Matcher label = LABEL.matcher(trimmed.substring(end + 1, close));
        while (label.find()) {
          labels.put(label.group(1), label.group(2));
        }
        valueFrom = close + 1;
      }
      String value = trimmed.substring(valueFrom).strip().split("\\s+")[0];
      out.add(new Sample(trimmed.substring(0, end), labels, number(value)));
    }
    return out;
  }

  /** A sample value: Prometheus writes infinities as {@code +Inf} and {@code -Inf}. */
  private static double number(String text) {
    return switch (text) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(text);
    };
  }

  /** The {@code }} that closes the label set opened at {@code open}; braces in values are text. */
  private static int closingBrace(String line, int open) {
    boolean quoted = false;
    for (int i = open + 1; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == '}' && !quoted) {
        return i;
      }
    }
    throw new IllegalArgumentException("unterminated label set: " + line);
  }
}
