package io.lethe.deploy;

import java.util.Set;
import java.util.TreeSet;

/**
 * The sample names in a Prometheus text exposition ({@code /q/metrics}): what a PromQL selector can
 * match, i.e. with the {@code _total}, {@code _count}, {@code _sum}, {@code _max} suffixes.
 */
final class MetricsText {

  private MetricsText() {}

  static Set<String> sampleNames(String exposition) {
    Set<String> names = new TreeSet<>();
    for (String line : exposition.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      int end = 0;
      while (end < trimmed.length() && trimmed.charAt(end) != '{' && trimmed.charAt(end) != ' ') {
        end++;
      }
      names.add(trimmed.substring(0, end));
    }
    return names;
  }
}
