package io.lethe.data.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded draws shared by the generators (SplittableRandom only, so output depends on the seed
 * alone).
 */
final class Draws {

  private Draws() {}

  static <T> T pick(List<T> values, SplittableRandom rng) {
    return values.get(rng.nextInt(values.size()));
  }

  /** A Fisher–Yates shuffled copy (Collections.shuffle needs java.util.Random). */
  static <T> List<T> shuffled(List<T> values, SplittableRandom rng) {
    List<T> out = new ArrayList<>(values);
    for (int i = out.size() - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      T tmp = out.get(i);
      out.set(i, out.get(j));
      out.set(j, tmp);
    }
    return out;
  }

  /** {@code word} with its indefinite article ("a baker", "an engineer"). */
  static String withArticle(String word) {
    return ("aeiou".indexOf(Character.toLowerCase(word.charAt(0))) >= 0 ? "an " : "a ") + word;
  }
}
