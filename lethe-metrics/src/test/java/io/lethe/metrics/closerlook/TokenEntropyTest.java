package io.lethe.metrics.closerlook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lethe.metrics.MetricIds;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Normalised unigram entropy on hand-counted piece lists. */
class TokenEntropyTest {

  @Test
  void allDistinctPiecesHaveEntropyOne() {
    assertThat(TokenEntropy.ofPieces(List.of("▁The", "▁cat", "▁sat", ".")))
        .isCloseTo(1.0, within(1e-15));
  }

  @Test
  void repetitionLowersEntropy() {
    // a a b b: H = 1 bit, log2 4 = 2 -> 0.5.
    assertThat(TokenEntropy.ofPieces(List.of("a", "a", "b", "b"))).isCloseTo(0.5, within(1e-15));
    // a a a b: H = -(3/4 log2 3/4 + 1/4 log2 1/4) = 2 - (3/4) log2 3; / 2.
    double h = 2 - 0.75 * Math.log(3) / Math.log(2);
    assertThat(TokenEntropy.ofPieces(List.of("a", "a", "a", "b"))).isCloseTo(h / 2, within(1e-15));
    assertThat(TokenEntropy.ofPieces(List.of("x", "x", "x", "x"))).isZero();
  }

  @Test
  void oneOrNoPieceGivesZero() {
    assertThat(TokenEntropy.ofPieces(List.of("a"))).isZero();
    assertThat(TokenEntropy.ofPieces(List.of())).isZero();
  }

  @Test
  void meanOverGenerations() {
    var te = TokenEntropy.mean(List.of(List.of("a", "b"), List.of("a", "a")));
    assertThat(te.definitionId()).isEqualTo(MetricIds.CL_TOKEN_ENTROPY);
    assertThat(te.valueOrThrow()).isCloseTo(0.5, within(1e-15));
    assertThat(TokenEntropy.mean(List.of()).computed()).isFalse();
  }
}
