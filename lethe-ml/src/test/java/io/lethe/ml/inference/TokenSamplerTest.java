package io.lethe.ml.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Greedy, temperature and top-p selection on hand-computed distributions. */
class TokenSamplerTest {

  private static final double[] P = {0.5, 0.3, 0.15, 0.05};

  private static float[] logits() {
    float[] l = new float[P.length];
    for (int i = 0; i < P.length; i++) {
      l[i] = (float) Math.log(P[i]);
    }
    return l;
  }

  @Test
  void topPDropsTheLeastLikelyTokensWhoseMassFitsIn1MinusP() {
    double[] logits = {Math.log(0.5), Math.log(0.3), Math.log(0.15), Math.log(0.05)};
    // ascending cumulative: 0.05, 0.20, 0.50, 1.0; with top_p 0.75 those ≤ 0.25 go
    assertThat(TokenSampler.topP(P, logits, 0.75)).containsExactly(true, true, false, false);
    assertThat(TokenSampler.topP(P, logits, 0.9)).containsExactly(true, true, true, false);
    assertThat(TokenSampler.topP(P, logits, 1e-9)).containsExactly(true, false, false, false);
    assertThat(TokenSampler.topP(P, logits, 1.0)).containsOnly(true);
  }

  @Test
  void samplesTheRenormalisedNucleusWithTheRightFrequencies() {
    TokenSampler sampler = new TokenSampler(GenerationConfig.sampling(1, 1.0, 0.75, 99));
    int[] counts = new int[4];
    int n = 40_000;
    float[] l = logits();
    for (int i = 0; i < n; i++) {
      counts[sampler.next(l, 0, 4)]++;
    }
    assertThat(counts[2] + counts[3]).isZero();
    assertThat(counts[0] / (double) n).isCloseTo(0.5 / 0.8, within(0.015));
    assertThat(counts[1] / (double) n).isCloseTo(0.3 / 0.8, within(0.015));
  }

  @Test
  void temperatureSharpensTheDistribution() {
    TokenSampler cold = new TokenSampler(GenerationConfig.sampling(1, 0.25, 1.0, 3));
    int top = 0;
    int n = 20_000;
    float[] l = logits();
    for (int i = 0; i < n; i++) {
      top += cold.next(l, 0, 4) == 0 ? 1 : 0;
    }
    // p^(1/T) renormalised: 0.5^4 / (0.5^4 + 0.3^4 + 0.15^4 + 0.05^4)
    double expected =
        Math.pow(0.5, 4)
            / (Math.pow(0.5, 4) + Math.pow(0.3, 4) + Math.pow(0.15, 4) + Math.pow(0.05, 4));
    assertThat(top / (double) n).isCloseTo(expected, within(0.015));
  }

  @Test
  void greedyTakesTheFirstMaximum() {
    assertThat(TokenSampler.argmax(new float[] {9, 1, 3, 3, 2}, 1, 4)).isEqualTo(1);
  }
}
