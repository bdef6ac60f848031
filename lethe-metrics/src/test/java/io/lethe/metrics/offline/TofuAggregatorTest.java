package io.lethe.metrics.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lethe.metrics.tofu.TofuEvalSet;
import io.lethe.metrics.tofu.TofuSetScores;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Aggregation of a hand-made log whose every number can be followed by hand. */
class TofuAggregatorTest {

  @Test
  void computesEachSetAsTofuDoes() throws IOException {
    TofuAggregate a =
        TofuAggregator.aggregate(TofuEvalLogReaderTest.tinyLog(), TofuEvalLogReaderTest.tinyLog());

    // Retain: probs e^0 = 1 and 1/2 -> 0.75; ROUGE (1 + 0.5)/2; x = e^(2-1) = e, e^0 = 1 ->
    // mean(max(0, 1 - 1/e), 0) = (1 - 1/e)/2.
    TofuSetScores retain = a.set(TofuEvalSet.RETAIN).scores();
    assertThat(retain.probability().valueOrThrow()).isCloseTo(0.75, within(1e-15));
    assertThat(retain.rougeLRecall().valueOrThrow()).isEqualTo(0.75);
    assertThat(retain.truthRatio().valueOrThrow()).isCloseTo((1 - 1 / Math.E) / 2, within(1e-15));

    // Real authors: p = 1/2, q = 1/4 + 1/4 -> 1/2; x = exp(ln 4 - ln 2) = 2 -> 1 - 1/2.
    TofuSetScores realAuthors = a.set(TofuEvalSet.REAL_AUTHORS).scores();
    assertThat(realAuthors.probability().valueOrThrow()).isCloseTo(0.5, within(1e-15));
    assertThat(realAuthors.truthRatio().valueOrThrow()).isCloseTo(0.5, within(1e-15));

    // World facts: p = q = 1/2 -> 1/2; x = 1 -> 0.
    TofuSetScores worldFacts = a.set(TofuEvalSet.WORLD_FACTS).scores();
    assertThat(worldFacts.probability().valueOrThrow()).isCloseTo(0.5, within(1e-15));
    assertThat(worldFacts.truthRatio().valueOrThrow()).isCloseTo(0.0, within(1e-15));

    // Forget: probability is the plain mean (e^0); x = e^(2 - (2 - ln 2)) = 2 and e^(-ln 2) = 1/2
    // -> mean min(x, 1/x) = 1/2.
    TofuSetScores forget = a.set(TofuEvalSet.FORGET).scores();
    assertThat(forget.probability().valueOrThrow()).isEqualTo(1.0);
    assertThat(forget.truthRatio().valueOrThrow()).isCloseTo(0.5, within(1e-15));

    // The world-facts truth ratio is 0, so the harmonic mean of the nine is 0.
    assertThat(a.modelUtility().valueOrThrow()).isZero();
    // Same log on both sides: identical samples -> FQ = 1.
    assertThat(a.forgetQuality().valueOrThrow()).isEqualTo(1.0);
  }
}
