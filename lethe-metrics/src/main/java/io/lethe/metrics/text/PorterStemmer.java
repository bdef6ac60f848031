package io.lethe.metrics.text;

import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The Porter stemmer exactly as NLTK's {@code nltk.stem.porter.PorterStemmer()} in its default
 * {@code NLTK_EXTENSIONS} mode — the stemmer Google's {@code rouge_score} instantiates for {@code
 * use_stemmer=True} — so that ROUGE-L numbers match TOFU's and closer-look's logs token for token.
 *
 * <p>NLTK_EXTENSIONS departs from the 1980 paper in: a table of irregular forms; words of length ≤
 * 2 are returned unchanged; {@code ies}/{@code ied} on 4-letter words keep {@code ie}; {@code *o}
 * also holds for 2-letter vowel–consonant stems; step 1c turns {@code y} into {@code i} only after
 * a consonant that is not the first letter; step 2 uses {@code bli→ble} (not {@code abli→able}),
 * applies {@code alli→al} first and re-runs step 2, and adds {@code fulli→ful} and {@code
 * logi→log}. Each is marked below. Rules inside a step are tried in order and the first rule whose
 * suffix matches decides, even when its condition fails (NLTK's {@code _apply_rule_list}).
 */
public final class PorterStemmer {

  /** Irregular forms mapped straight to their stem, bypassing the algorithm (NLTK pool). */
  private static final Map<String, String> IRREGULAR_FORMS =
      Map.ofEntries(
          Map.entry("sky", "sky"),
          Map.entry("skies", "sky"),
          Map.entry("dying", "die"),
          Map.entry("lying", "lie"),
          Map.entry("tying", "tie"),
          Map.entry("news", "news"),
          Map.entry("innings", "inning"),
          Map.entry("inning", "inning"),
          Map.entry("outings", "outing"),
          Map.entry("outing", "outing"),
          Map.entry("cannings", "canning"),
          Map.entry("canning", "canning"),
          Map.entry("howe", "howe"),
          Map.entry("proceed", "proceed"),
          Map.entry("exceed", "exceed"),
          Map.entry("succeed", "succeed"));

  /** Marks the "ends with a double consonant" pseudo-suffix of step 1b ({@code *d}). */
  private static final String DOUBLE_CONSONANT = "*d";

  /** One suffix rule: replace {@code suffix} by {@code replacement} if the stem satisfies it. */
  private record Rule(String suffix, String replacement, Predicate<String> condition) {}

  /** Stems one word; the word is lower-cased first, as NLTK does by default. */
  public String stem(String word) {
    String stem = word.toLowerCase(Locale.ROOT);
    // NLTK looks the original word up and returns the entry of the lower-cased one.
    if (IRREGULAR_FORMS.containsKey(word)) {
      return IRREGULAR_FORMS.get(stem);
    }
    // --NLTK--: strings of length 1 or 2 are not stemmed.
    if (word.length() <= 2) {
      return stem;
    }
    stem = step1a(stem);
    stem = step1b(stem);
    stem = step1c(stem);
    stem = step2(stem);
    stem = step3(stem);
    stem = step4(stem);
    stem = step5a(stem);
    stem = step5b(stem);
    return stem;
  }

  private static boolean isConsonant(String word, int i) {
    char c = word.charAt(i);
    if (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u') {
      return false;
    }
    if (c == 'y') {
      return i == 0 || !isConsonant(word, i - 1);
    }
    return true;
  }

  /** Porter's m: the number of vowel→consonant transitions in the stem ([C](VC){m}[V]). */
  static int measure(String stem) {
    int m = 0;
    for (int i = 0; i + 1 < stem.length(); i++) {
      if (!isConsonant(stem, i) && isConsonant(stem, i + 1)) {
        m++;
      }
    }
    return m;
  }

  private static boolean hasPositiveMeasure(String stem) {
    return measure(stem) > 0;
  }

  private static boolean containsVowel(String stem) {
    for (int i = 0; i < stem.length(); i++) {
      if (!isConsonant(stem, i)) {
        return true;
      }
    }
    return false;
  }

  private static boolean endsDoubleConsonant(String word) {
    int n = word.length();
    return n >= 2 && word.charAt(n - 1) == word.charAt(n - 2) && isConsonant(word, n - 1);
  }

  /** Condition *o: the stem ends consonant–vowel–consonant, the last not w, x or y. */
  private static boolean endsCvc(String word) {
    int n = word.length();
    if (n >= 3
        && isConsonant(word, n - 3)
        && !isConsonant(word, n - 2)
        && isConsonant(word, n - 1)) {
      char last = word.charAt(n - 1);
      return last != 'w' && last != 'x' && last != 'y';
    }
    // --NLTK--: a two-letter vowel-consonant stem also counts.
    return n == 2 && !isConsonant(word, 0) && isConsonant(word, 1);
  }

  private static String dropSuffix(String word, String suffix) {
    return word.substring(0, word.length() - suffix.length());
  }

  /** Applies the first rule whose suffix matches; later rules are not tried even if it fails. */
  private static String applyRuleList(String word, Rule... rules) {
    for (Rule rule : rules) {
      if (rule.suffix().equals(DOUBLE_CONSONANT) && endsDoubleConsonant(word)) {
        String stem = word.substring(0, word.length() - 2);
        return rule.condition() == null || rule.condition().test(stem)
            ? stem + rule.replacement()
            : word;
      }
      if (word.endsWith(rule.suffix())) {
        String stem = dropSuffix(word, rule.suffix());
        return rule.condition() == null || rule.condition().test(stem)
            ? stem + rule.replacement()
            : word;
      }
    }
    return word;
  }

  private static String step1a(String word) {
    // --NLTK--: 'flies' -> 'fli' but 'dies' -> 'die'.
    if (word.endsWith("ies") && word.length() == 4) {
      return dropSuffix(word, "ies") + "ie";
    }
    return applyRuleList(
        word,
        new Rule("sses", "ss", null),
        new Rule("ies", "i", null),
        new Rule("ss", "ss", null),
        new Rule("s", "", null));
  }

  private static String step1b(String word) {
    // --NLTK--: 'spied' -> 'spi' but 'died' -> 'die'.
    if (word.endsWith("ied")) {
      return dropSuffix(word, "ied") + (word.length() == 4 ? "ie" : "i");
    }
    if (word.endsWith("eed")) {
      String stem = dropSuffix(word, "eed");
      return measure(stem) > 0 ? stem + "ee" : word;
    }
    String intermediate = null;
    for (String suffix : new String[] {"ed", "ing"}) {
      if (word.endsWith(suffix)) {
        String candidate = dropSuffix(word, suffix);
        if (containsVowel(candidate)) {
          intermediate = candidate;
          break;
        }
      }
    }
    if (intermediate == null) {
      return word;
    }
    char last = intermediate.charAt(intermediate.length() - 1);
    return applyRuleList(
        intermediate,
        new Rule("at", "ate", null),
        new Rule("bl", "ble", null),
        new Rule("iz", "ize", null),
        new Rule(
            DOUBLE_CONSONANT,
            String.valueOf(last),
            stem -> last != 'l' && last != 's' && last != 'z'),
        new Rule("", "e", stem -> measure(stem) == 1 && endsCvc(stem)));
  }

  private static String step1c(String word) {
    // --NLTK--: y -> i only after a consonant that is not the whole stem ('happy' -> 'happi',
    // 'enjoy' unchanged, 'spy' -> 'spi').
    return applyRuleList(
        word,
        new Rule("y", "i", stem -> stem.length() > 1 && isConsonant(stem, stem.length() - 1)));
  }

  private static String step2(String word) {
    // --NLTK--: alli -> al first, then step 2 again on the result.
    if (word.endsWith("alli") && hasPositiveMeasure(dropSuffix(word, "alli"))) {
      return step2(dropSuffix(word, "alli") + "al");
    }
    Predicate<String> positive = PorterStemmer::hasPositiveMeasure;
    return applyRuleList(
        word,
        new Rule("ational", "ate", positive),
        new Rule("tional", "tion", positive),
        new Rule("enci", "ence", positive),
        new Rule("anci", "ance", positive),
        new Rule("izer", "ize", positive),
        // --DEPARTURE-- from the paper's abli -> able.
        new Rule("bli", "ble", positive),
        new Rule("alli", "al", positive),
        new Rule("entli", "ent", positive),
        new Rule("eli", "e", positive),
        new Rule("ousli", "ous", positive),
        new Rule("ization", "ize", positive),
        new Rule("ation", "ate", positive),
        new Rule("ator", "ate", positive),
        new Rule("alism", "al", positive),
        new Rule("iveness", "ive", positive),
        new Rule("fulness", "ful", positive),
        new Rule("ousness", "ous", positive),
        new Rule("aliti", "al", positive),
        new Rule("iviti", "ive", positive),
        new Rule("biliti", "ble", positive),
        // --NLTK-- additions.
        new Rule("fulli", "ful", positive),
        // The 'l' of 'logi' stays with the stem, so the measure is taken with it ('geo', 'theo').
        new Rule("logi", "log", stem -> hasPositiveMeasure(dropSuffix(word, "ogi"))));
  }

  private static String step3(String word) {
    Predicate<String> positive = PorterStemmer::hasPositiveMeasure;
    return applyRuleList(
        word,
        new Rule("icate", "ic", positive),
        new Rule("ative", "", positive),
        new Rule("alize", "al", positive),
        new Rule("iciti", "ic", positive),
        new Rule("ical", "ic", positive),
        new Rule("ful", "", positive),
        new Rule("ness", "", positive));
  }

  private static String step4(String word) {
    Predicate<String> measureAboveOne = stem -> measure(stem) > 1;
    return applyRuleList(
        word,
        new Rule("al", "", measureAboveOne),
        new Rule("ance", "", measureAboveOne),
        new Rule("ence", "", measureAboveOne),
        new Rule("er", "", measureAboveOne),
        new Rule("ic", "", measureAboveOne),
        new Rule("able", "", measureAboveOne),
        new Rule("ible", "", measureAboveOne),
        new Rule("ant", "", measureAboveOne),
        new Rule("ement", "", measureAboveOne),
        new Rule("ment", "", measureAboveOne),
        new Rule("ent", "", measureAboveOne),
        new Rule(
            "ion",
            "",
            stem ->
                measure(stem) > 1
                    && (stem.charAt(stem.length() - 1) == 's'
                        || stem.charAt(stem.length() - 1) == 't')),
        new Rule("ou", "", measureAboveOne),
        new Rule("ism", "", measureAboveOne),
        new Rule("ate", "", measureAboveOne),
        new Rule("iti", "", measureAboveOne),
        new Rule("ous", "", measureAboveOne),
        new Rule("ive", "", measureAboveOne),
        new Rule("ize", "", measureAboveOne));
  }

  private static String step5a(String word) {
    // Both conditions are tried here (unlike the first-match rule lists): (m>1) E -> ; (m=1 and
    // not *o) E -> .
    if (word.endsWith("e")) {
      String stem = dropSuffix(word, "e");
      int m = measure(stem);
      if (m > 1 || (m == 1 && !endsCvc(stem))) {
        return stem;
      }
    }
    return word;
  }

  private static String step5b(String word) {
    return applyRuleList(
        word, new Rule("ll", "l", stem -> measure(word.substring(0, word.length() - 1)) > 1));
  }
}
