package io.lethe.stack.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code key=value} arguments of a benchmark's main: a misspelt key fails instead of being
 * ignored.
 */
public final class BenchOptions {

  private BenchOptions() {}

  /**
   * {@code defaults} overridden by {@code args}.
   *
   * @throws IllegalArgumentException for an argument that is not {@code key=value} with a known key
   */
  public static Map<String, String> parse(String[] args, Map<String, String> defaults) {
    Map<String, String> options = new LinkedHashMap<>(defaults);
    for (String a : args) {
      String[] kv = a.split("=", 2);
      if (kv.length != 2 || !options.containsKey(kv[0])) {
        throw new IllegalArgumentException(
            "unknown argument " + a + "; known: " + options.keySet());
      }
      options.put(kv[0], kv[1]);
    }
    return options;
  }
}
