package io.lethe.ml.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lethe.data.encoding.EncodedExample;
import io.lethe.ml.ReferenceLlama;
import io.lethe.ml.TestModels;
import io.lethe.ml.model.LlamaModel;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Teacher-forced scores against an independent computation and batch invariance. */
class ScorerTest {

  /**
   * §0.2 encoding by hand: prompt of {@code promptLength} tokens masked, one EOS target, right
   * padding to L.
   */
  static EncodedExample encode(int[] ids, int promptLength, int paddedLength) {
    int[] input = Arrays.copyOf(ids, paddedLength);
    int[] mask = new int[paddedLength];
    int[] labels = new int[paddedLength];
    Arrays.fill(labels, EncodedExample.IGNORE);
    for (int t = 0; t < paddedLength; t++) {
      if (t < ids.length) {
        mask[t] = 1;
        labels[t] = t < promptLength ? EncodedExample.IGNORE : ids[t];
      } else {
        input[t] = TestModels.EOS;
      }
    }
    if (ids.length < paddedLength) {
      labels[ids.length] = TestModels.EOS;
    }
    return new EncodedExample(input, mask, labels);
  }

  @Test
  void summedNllCountsEntropiesAndArgmaxMatchAnIndependentComputation() {
    try (LlamaModel model = TestModels.randomModel(TestModels.micro(), 4, 0.3)) {
      int[] ids = TestModels.randomIds(10, 8);
      ids[0] = TestModels.BOS;
      EncodedExample example = encode(ids, 4, 16);
      SequenceScore score = new Scorer(model, 8).score(List.of(example)).get(0);

      // reference: logits of the sequence + the EOS pad it predicts, scored at t where labels[t+1]
      // != -100
      int[] withEos = Arrays.copyOf(ids, 11);
      withEos[10] = TestModels.EOS;
      double[][] logits = new ReferenceLlama(model.config(), model.toFloatArrays()).logits(withEos);
      double summed = 0;
      int n = 0;
      for (int t = 0; t + 1 < 11; t++) {
        int label = example.labels()[t + 1];
        if (label == EncodedExample.IGNORE) {
          continue;
        }
        double[] lp = logSoftmax(logits[t]);
        double entropy = 0;
        int argmax = 0;
        for (int v = 0; v < lp.length; v++) {
          entropy -= Math.exp(lp[v]) * lp[v];
          argmax = lp[v] > lp[argmax] ? v : argmax;
        }
        assertThat((double) score.tokenLogProbs()[n]).isCloseTo(lp[label], within(1e-3));
        assertThat((double) score.tokenEntropies()[n]).isCloseTo(entropy, within(1e-3));
        assertThat(score.predictedIds()[n]).isEqualTo(argmax);
        assertThat(score.targetIds()[n]).isEqualTo(label);
        summed -= lp[label];
        n++;
      }
      // answer tokens 4..9 (6) + the EOS target = 7, as EncodedExample counts them
      assertThat(n).isEqualTo(7).isEqualTo(example.targetCount());
      assertThat(score.tokenCount()).isEqualTo(7);
      assertThat(score.summedNll()).isCloseTo(summed, within(1e-3 * Math.max(1, summed)));
      assertThat(score.normalisedProbability()).isCloseTo(Math.exp(-summed / 7), within(1e-4));
    }
  }

  @Test
  void batchedScoresEqualUnbatchedScores() {
    try (LlamaModel model = TestModels.randomModel(TestModels.micro(), 5, 0.3)) {
      Scorer scorer = new Scorer(model, 8);
      List<EncodedExample> examples =
          List.of(
              encode(TestModels.randomIds(12, 1), 5, 20),
              encode(TestModels.randomIds(6, 2), 2, 20),
              encode(TestModels.randomIds(9, 3), 3, 14));
      List<SequenceScore> batched = scorer.score(examples);
      for (int i = 0; i < examples.size(); i++) {
        SequenceScore alone = scorer.score(List.of(examples.get(i))).get(0);
        assertThat(batched.get(i).tokenCount()).isEqualTo(alone.tokenCount());
        assertThat(batched.get(i).summedNll()).isCloseTo(alone.summedNll(), within(1e-4));
        assertThat(batched.get(i).predictedIds()).containsExactly(alone.predictedIds());
      }
      assertThat(new Scorer(model, 1).score(examples).get(2).summedNll())
          .isCloseTo(batched.get(2).summedNll(), within(1e-4));
    }
  }

  private static double[] logSoftmax(double[] z) {
    double max = Arrays.stream(z).max().orElseThrow();
    double sum = 0;
    for (double v : z) {
      sum += Math.exp(v - max);
    }
    double log = max + Math.log(sum);
    return Arrays.stream(z).map(v -> v - log).toArray();
  }
}
