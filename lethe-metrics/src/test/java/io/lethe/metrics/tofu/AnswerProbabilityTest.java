package io.lethe.metrics.tofu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.lethe.metrics.MetricIds;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Plain and options-normalised answer probability on hand values. */
class AnswerProbabilityTest {

  @Test
  void meanOfLengthNormalisedProbabilities() {
    // S/n = ln 2 and ln 4: probabilities 1/2 and 1/4, mean 3/8.
    List<AnswerNll> gold =
        List.of(new AnswerNll(2 * Math.log(2), 2), new AnswerNll(3 * Math.log(4), 3));
    var p = AnswerProbability.mean(gold);
    assertThat(p.definitionId()).isEqualTo(MetricIds.TOFU_PROBABILITY);
    assertThat(p.valueOrThrow()).isCloseTo(3.0 / 8, within(1e-15));
  }

  @Test
  void optionsNormalisedDividesByAllOptions() {
    // gold p = 1/2, perturbed q = 1/4, 1/4, 1/2: p/(p+Σq) = 0.5/1.5 = 1/3. Second item: p = 1/4,
    // q = 1/4 -> 1/2. Mean = 5/12.
    double[] gold = {Math.log(2), Math.log(4)};
    double[][] perturbed = {{Math.log(4), Math.log(4), Math.log(2)}, {Math.log(4)}};
    assertThat(AnswerProbability.optionsNormalised(gold, perturbed).valueOrThrow())
        .isCloseTo(5.0 / 12, within(1e-15));
  }

  @Test
  void setDecidesTheForm() {
    double[] gold = {Math.log(2)};
    double[][] perturbed = {{Math.log(2)}};
    assertThat(AnswerProbability.forSet(TofuEvalSet.RETAIN, gold, perturbed).valueOrThrow())
        .isCloseTo(0.5, within(1e-15));
    assertThat(AnswerProbability.forSet(TofuEvalSet.FORGET, gold, perturbed).valueOrThrow())
        .isCloseTo(0.5, within(1e-15));
    assertThat(AnswerProbability.forSet(TofuEvalSet.REAL_AUTHORS, gold, perturbed).valueOrThrow())
        .isCloseTo(0.5, within(1e-15));
    assertThat(
            AnswerProbability.forSet(TofuEvalSet.WORLD_FACTS, gold, new double[][] {{0.0}})
                .valueOrThrow())
        .isCloseTo(0.5 / 1.5, within(1e-15));
  }

  @Test
  void noItemsIsNotComputedAndBadInputIsRejected() {
    assertThat(AnswerProbability.mean(new double[0]).computed()).isFalse();
    assertThatThrownBy(() -> new AnswerNll(1.0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AnswerProbability.optionsNormalised(new double[] {1}, new double[0][]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
