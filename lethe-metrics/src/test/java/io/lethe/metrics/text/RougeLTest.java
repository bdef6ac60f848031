package io.lethe.metrics.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lethe.metrics.MetricIds;
import io.lethe.metrics.MetricValue;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ROUGE-L precision / recall / F on hand-computed LCS pairs. */
class RougeLTest {

  private final RougeL rouge = RougeL.tofu();

  @Test
  void recallIsLcsOverTargetLength() {
    // the cat sat on the mat / the cat is on the mat: LCS "the cat on the mat" = 5 of 6.
    RougeScore s = rouge.score("The cat sat on the mat", "The cat is on the mat");
    assertThat(s.recall()).isEqualTo(5.0 / 6);
    assertThat(s.precision()).isEqualTo(5.0 / 6);
    assertThat(s.fmeasure()).isCloseTo(5.0 / 6, within(1e-15));
  }

  @Test
  void stemmingMakesInflectionsMatch() {
    // target he was run quickli / prediction he run quick: LCS "he run" = 2 of 4.
    assertThat(rouge.recall("He was running quickly", "he runs quick")).isEqualTo(0.5);
    assertThat(new RougeL(RougeTokenizer.withoutStemmer()).recall("He was running", "he runs"))
        .isEqualTo(1.0 / 3);
  }

  @Test
  void recallIgnoresExtraPredictionTokensButPrecisionDoesNot() {
    RougeScore s =
        rouge.score(
            "William Shakespeare",
            "The play 'Romeo and Juliet' was written by William Shakespeare.");
    assertThat(s.recall()).isEqualTo(1.0);
    assertThat(s.precision()).isEqualTo(2.0 / 10);
  }

  @Test
  void lcsIsASubsequenceNotASubstring() {
    // a b c d e / a x c y e: LCS a c e = 3 of 5.
    assertThat(rouge.recall("a b c d e", "a x c y e")).isEqualTo(0.6);
    // Order matters: e d c b a shares only one in-order token with a b c d e.
    assertThat(rouge.recall("a b c d e", "e d c b a")).isEqualTo(0.2);
  }

  @Test
  void emptySideScoresZero() {
    assertThat(rouge.score("", "something")).isEqualTo(RougeScore.ZERO);
    assertThat(rouge.score("something", "?!")).isEqualTo(RougeScore.ZERO);
  }

  @Test
  void meanRecallAveragesItemsAndRefusesNoItems() {
    MetricValue mean = rouge.meanRecall(List.of("a b", "a b c d"), List.of("a b", "a x"));
    assertThat(mean.definitionId()).isEqualTo(MetricIds.TOFU_ROUGE_L_RECALL);
    assertThat(mean.valueOrThrow()).isEqualTo((1.0 + 0.25) / 2);
    assertThat(rouge.meanRecall(List.of(), List.of()).computed()).isFalse();
  }
}
