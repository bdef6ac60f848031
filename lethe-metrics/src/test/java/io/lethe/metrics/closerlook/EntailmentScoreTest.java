package io.lethe.metrics.closerlook;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.metrics.MetricIds;
import io.lethe.metrics.tofu.TofuEvalSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Entailment score with its ROUGE gate, and the NLI premise/hypothesis order. */
class EntailmentScoreTest {

  @Test
  void countsEntailmentsThatPassTheRougeGate() {
    List<NliLabel> labels =
        List.of(
            NliLabel.ENTAILMENT, // counted
            NliLabel.ENTAILMENT, // ROUGE 0.05 < 0.1: forced to none
            NliLabel.NEUTRAL,
            NliLabel.ENTAILMENT); // ROUGE exactly 0.1 passes
    var es = EntailmentScore.score(labels, new double[] {0.8, 0.05, 1.0, 0.1});
    assertThat(es.definitionId()).isEqualTo(MetricIds.CL_ENTAILMENT);
    assertThat(es.valueOrThrow()).isEqualTo(0.5);
  }

  @Test
  void parsesPipelineLabels() {
    assertThat(NliLabel.parse("entailment")).isEqualTo(NliLabel.ENTAILMENT);
    assertThat(NliLabel.parse("Contradiction ")).isEqualTo(NliLabel.CONTRADICTION);
  }

  @Test
  void pairsGenerationAndReferenceInTheClosedLookOrder() {
    assertThat(NliPair.forTofu(TofuEvalSet.FORGET, "gen", "gold"))
        .isEqualTo(new NliPair("gen", "gold"));
    assertThat(NliPair.forTofu(TofuEvalSet.RETAIN, "gen", "gold"))
        .isEqualTo(new NliPair("gold", "gen"));
    assertThat(NliPair.forTofu(TofuEvalSet.WORLD_FACTS, "gen", "original"))
        .isEqualTo(new NliPair("original", "gen"));
    assertThat(NliPair.forRealWorld("gen", "target")).isEqualTo(new NliPair("gen", "target"));
  }

  @Test
  void noItemsIsNotComputed() {
    assertThat(EntailmentScore.score(List.of(), new double[0]).computed()).isFalse();
  }
}
