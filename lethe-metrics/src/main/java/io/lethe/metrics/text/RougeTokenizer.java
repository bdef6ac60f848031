package io.lethe.metrics.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The tokenizer of Google's {@code rouge_score} ({@code rouge/tokenize.py}): lower-case, replace
 * every run of characters outside {@code [a-z0-9]} by a space, split on whitespace, Porter-stem
 * tokens longer than 3 characters (when stemming is on), and keep tokens matching {@code
 * ^[a-z0-9]+$}. Reproducing it exactly is what makes our ROUGE-L comparable with TOFU's.
 */
public final class RougeTokenizer {

  private static final Pattern NON_ALPHANUMERIC = Pattern.compile("[^a-z0-9]+");
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern VALID_TOKEN = Pattern.compile("^[a-z0-9]+$");

  /** rouge_score only stems words longer than this many characters. */
  private static final int MIN_STEMMED_LENGTH_EXCLUSIVE = 3;

  private final PorterStemmer stemmer;

  private RougeTokenizer(PorterStemmer stemmer) {
    this.stemmer = stemmer;
  }

  /** The tokenizer of {@code RougeScorer(..., use_stemmer=True)}, which TOFU uses. */
  public static RougeTokenizer withStemmer() {
    return new RougeTokenizer(new PorterStemmer());
  }

  /** The tokenizer of {@code RougeScorer(..., use_stemmer=False)}. */
  public static RougeTokenizer withoutStemmer() {
    return new RougeTokenizer(null);
  }

  /** Splits a text into ROUGE tokens. */
  public List<String> tokenize(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    String spaced = NON_ALPHANUMERIC.matcher(lower).replaceAll(" ");
    List<String> tokens = new ArrayList<>();
    for (String raw : SPACES.split(spaced, -1)) {
      String token =
          stemmer != null && raw.length() > MIN_STEMMED_LENGTH_EXCLUSIVE ? stemmer.stem(raw) : raw;
      if (VALID_TOKEN.matcher(token).matches()) {
        tokens.add(token);
      }
    }
    return tokens;
  }
}
