package io.lethe.metrics.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The rouge_score tokenizer: lower-casing, splitting, stemming only words longer than three. */
class RougeTokenizerTest {

  @Test
  void lowercasesSplitsOnNonAlphanumericsAndStemsOnlyWordsLongerThanThree() {
    // "was" has 3 letters and is kept as is (stemming would give "wa"); "running" -> "run".
    assertThat(RougeTokenizer.withStemmer().tokenize("He WAS running, quickly!"))
        .containsExactly("he", "was", "run", "quickli");
  }

  @Test
  void punctuationAndApostrophesSeparateTokens() {
    assertThat(RougeTokenizer.withStemmer().tokenize("The author's full name is Hsiao Yun-Hwa."))
        .containsExactly("the", "author", "s", "full", "name", "is", "hsiao", "yun", "hwa");
  }

  @Test
  void dropsNonAsciiLettersAndKeepsDigits() {
    assertThat(RougeTokenizer.withoutStemmer().tokenize("Café 1984 naïve"))
        .containsExactly("caf", "1984", "na", "ve");
  }

  @Test
  void withoutStemmerKeepsWordsIntact() {
    assertThat(RougeTokenizer.withoutStemmer().tokenize("Running runs"))
        .containsExactly("running", "runs");
  }

  @Test
  void emptyOrPunctuationOnlyTextHasNoTokens() {
    assertThat(RougeTokenizer.withStemmer().tokenize("")).isEmpty();
    assertThat(RougeTokenizer.withStemmer().tokenize(" ... !? ")).isEmpty();
  }
}
