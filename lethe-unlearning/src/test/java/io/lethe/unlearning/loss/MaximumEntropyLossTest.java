package io.lethe.unlearning.loss;

import static io.lethe.unlearning.Fixtures.ATTENTION;
import static io.lethe.unlearning.Fixtures.LABELS;
import static io.lethe.unlearning.Fixtures.LOGITS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.lethe.unlearning.Fixtures;
import io.lethe.unlearning.NdTestSupport;
import io.lethe.unlearning.ReferenceMath;
import org.junit.jupiter.api.Test;

class MaximumEntropyLossTest extends NdTestSupport {

  /** sail-sg {@code mask=false}: labels = input ids, so every position is a target. */
  private static final long[][] UNMASKED_LABELS = {{5, 2, 0, 1}, {4, 0, 1, 2}};

  /** Row 0 is padding from position 2 on. */
  private static final long[][] PADDED_ATTENTION = {{1, 1, 0, 0}, {1, 1, 1, 1}};

  @Test
  void codeFormIsKlFromUniformAveragedOverLabelledPositions() {
    float loss =
        MaximumEntropyLoss.of(
                Fixtures.logits(manager, LOGITS),
                Fixtures.ints(manager, LABELS),
                Fixtures.ints(manager, ATTENTION),
                MeForm.KL_U_P,
                true)
            .getFloat();

    // Labelled (shifted) positions: row 0 t = 0, 1; row 1 t = 0, 1, 2.
    double expected =
        (klUniformToModel(LOGITS[0][0])
                + klUniformToModel(LOGITS[0][1])
                + klUniformToModel(LOGITS[1][0])
                + klUniformToModel(LOGITS[1][1])
                + klUniformToModel(LOGITS[1][2]))
            / 5;
    assertThat((double) loss).isCloseTo(expected, within(1e-6));
  }

  @Test
  void withoutThePromptMaskEveryPositionCountsPaddingIncluded() {
    NDArray logits = Fixtures.logits(manager, LOGITS);
    NDArray labels = Fixtures.ints(manager, UNMASKED_LABELS);
    NDArray attention = Fixtures.ints(manager, PADDED_ATTENTION);

    float all = MaximumEntropyLoss.of(logits, labels, attention, MeForm.KL_U_P, true).getFloat();
    float real = MaximumEntropyLoss.of(logits, labels, attention, MeForm.KL_U_P, false).getFloat();

    double sumAll = 0;
    for (int i = 0; i < 2; i++) {
      for (int t = 0; t < 3; t++) {
        sumAll += klUniformToModel(LOGITS[i][t]);
      }
    }
    assertThat((double) all).isCloseTo(sumAll / 6, within(1e-6));
    // Excluding padding drops row 0, t = 2 (its input is padding); t = 1 predicts the first pad
    // (the EOS target) from a real token and stays.
    double sumReal = sumAll - klUniformToModel(LOGITS[0][2]);
    assertThat((double) real).isCloseTo(sumReal / 5, within(1e-6));
  }

  @Test
  void paperFormIsLogVMinusEntropy() {
    float loss =
        MaximumEntropyLoss.of(
                Fixtures.logits(manager, LOGITS),
                Fixtures.ints(manager, LABELS),
                Fixtures.ints(manager, ATTENTION),
                MeForm.KL_P_U,
                true)
            .getFloat();

    double log3 = Math.log(3);
    double expected =
        (5 * log3
                - ReferenceMath.entropy(LOGITS[0][0])
                - ReferenceMath.entropy(LOGITS[0][1])
                - ReferenceMath.entropy(LOGITS[1][0])
                - ReferenceMath.entropy(LOGITS[1][1])
                - ReferenceMath.entropy(LOGITS[1][2]))
            / 5;
    assertThat((double) loss).isCloseTo(expected, within(1e-6));
  }

  @Test
  void bothFormsVanishAtTheUniformDistribution() {
    NDArray uniform = manager.full(new Shape(2, 4, 3), 0.7f);
    NDArray labels = Fixtures.ints(manager, LABELS);
    NDArray attention = Fixtures.ints(manager, ATTENTION);

    for (MeForm form : MeForm.values()) {
      assertThat(MaximumEntropyLoss.of(uniform, labels, attention, form, true).getFloat())
          .as("%s", form)
          .isCloseTo(0f, within(1e-6f));
    }
  }

  @Test
  void codeFormGradientIsModelMinusUniformAtLabelledPositionsOnly() {
    NDArray logits = trainable(LOGITS);
    NDArray labels = Fixtures.ints(manager, LABELS);
    NDArray attention = Fixtures.ints(manager, ATTENTION);

    backward(() -> MaximumEntropyLoss.of(logits, labels, attention, MeForm.KL_U_P, true));

    NDArray grad = logits.getGradient();
    double[] p = ReferenceMath.softmax(LOGITS[1][2]);
    for (int v = 0; v < 3; v++) {
      // d KL(U‖p)/dz_v = p_v − 1/V, averaged over the 5 labelled positions.
      assertThat((double) Fixtures.at(grad, 1, 2, v)).isCloseTo((p[v] - 1.0 / 3) / 5, within(1e-6));
      assertThat(Fixtures.at(grad, 0, 2, v)).isZero(); // label −100 there
    }
  }

  @Test
  void aDescentStepRaisesTheEntropyOfEveryLabelledPosition() {
    for (MeForm form : MeForm.values()) {
      NDArray logits = trainable(LOGITS);
      NDArray labels = Fixtures.ints(manager, LABELS);
      NDArray attention = Fixtures.ints(manager, ATTENTION);

      backward(() -> MaximumEntropyLoss.of(logits, labels, attention, form, true));

      float[] stepped = logits.sub(logits.getGradient().mul(2f)).toFloatArray();
      int[][] labelled = {{0, 0}, {0, 1}, {1, 0}, {1, 1}, {1, 2}};
      for (int[] it : labelled) {
        int base = (it[0] * 4 + it[1]) * 3;
        float[] after = {stepped[base], stepped[base + 1], stepped[base + 2]};
        assertThat(ReferenceMath.entropy(after))
            .as("%s at %d,%d", form, it[0], it[1])
            .isGreaterThan(ReferenceMath.entropy(LOGITS[it[0]][it[1]]));
      }
    }
  }

  /** The code's KL(U‖p) of one position: Σ_v (1/V)(log(1/V) − log(p_v + 1e−12)). */
  private static double klUniformToModel(float[] z) {
    double[] p = ReferenceMath.softmax(z);
    double kl = 0;
    for (double pv : p) {
      kl += (1.0 / p.length) * (Math.log(1.0 / p.length) - Math.log(pv + 1e-12));
    }
    return kl;
  }
}
