package io.lethe.data.synthetic;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One invented author and every fact the generator knows about them (name, birthplace, birth date,
 * genre, parents' occupations, books, award, …), so tests and tools can check that a generated
 * answer states the author's fact.
 *
 * @param index position in the dataset (authors are stored in blocks of consecutive rows, in this
 *     order)
 * @param female whether the author is referred to as "she" (otherwise "he")
 * @param facts fact slot → rendered value, e.g. {@code birthCity → Lisbon}, {@code fatherJob → a
 *     baker}; also holds {@code name} and the pronoun slots {@code he}/{@code his}
 */
public record FictitiousAuthor(int index, boolean female, Map<String, String> facts) {

  public FictitiousAuthor {
    facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    if (!facts.containsKey("name")) {
      throw new IllegalArgumentException("an author needs a name");
    }
  }

  /** Full name, e.g. {@code Elena Varga}. */
  public String name() {
    return facts.get("name");
  }

  /** The rendered value of fact {@code slot}, e.g. {@code fact("birthCity")}. */
  public String fact(String slot) {
    String value = facts.get(slot);
    if (value == null) {
      throw new IllegalArgumentException("no fact " + slot + " for " + name());
    }
    return value;
  }
}
