package io.lethe.ml.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.lethe.ml.TestModels;
import io.lethe.ml.model.LlamaModel;
import io.lethe.ml.model.LlamaParameterNames;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** AdamW against the hand-unrolled bias-corrected, decoupled-decay update rule. */
class AdamWTest {

  private static final String NORM = LlamaParameterNames.FINAL_NORM;
  private static final String HEAD = LlamaParameterNames.LM_HEAD;

  @Test
  void twoUpdatesMatchTheHandComputedBiasCorrectedDecoupledRule() {
    try (LlamaModel model = LlamaModel.initialize(TestModels.micro(), 3, Device.cpu())) {
      AdamWConfig cfg = new AdamWConfig(0.9, 0.999, 1e-8, 0.1);
      AdamW adamw = new AdamW(model, cfg);
      float[] head0 = model.parameters().get(HEAD).toFloatArray();
      float[] embed0 = model.parameters().get(LlamaParameterNames.EMBED_TOKENS).toFloatArray();
      double lr = 0.01;
      double[] g1 = {0.5, -2.0};
      double[] g2 = {0.1, 3.0};
      for (double[] g : new double[][] {g1, g2}) {
        try (NDManager step = model.manager().newSubManager()) {
          NDArray normGrad = step.full(model.parameters().get(NORM).getShape(), (float) g[0]);
          NDArray headGrad = step.full(model.parameters().get(HEAD).getShape(), (float) g[1]);
          adamw.update(Map.of(NORM, normGrad, HEAD, headGrad), lr, step);
        }
      }
      assertThat(adamw.stepCount()).isEqualTo(2);
      // norm weight: no decay; starts at 1
      double normExpected = expected(1.0, g1[0], g2[0], lr, cfg, false);
      assertThat((double) model.parameters().get(NORM).toFloatArray()[0])
          .isCloseTo(normExpected, within(1e-6));
      // projection matrix: decoupled decay θ·(1 − lr·wd) before each Adam step
      float[] head = model.parameters().get(HEAD).toFloatArray();
      for (int i = 0; i < 5; i++) {
        assertThat((double) head[i])
            .isCloseTo(expected(head0[i], g1[1], g2[1], lr, cfg, true), within(1e-6));
      }
      // parameters without a gradient are untouched (no decay either)
      assertThat(model.parameters().get(LlamaParameterNames.EMBED_TOKENS).toFloatArray())
          .isEqualTo(embed0);
    }
  }

  private static double expected(
      double theta, double ga, double gb, double lr, AdamWConfig c, boolean decay) {
    double m = 0;
    double v = 0;
    double[] gs = {ga, gb};
    for (int t = 1; t <= 2; t++) {
      double g = gs[t - 1];
      if (decay) {
        theta *= 1 - lr * c.weightDecay();
      }
      m = c.beta1() * m + (1 - c.beta1()) * g;
      v = c.beta2() * v + (1 - c.beta2()) * g * g;
      double mHat = m / (1 - Math.pow(c.beta1(), t));
      double denominator = Math.sqrt(v) / Math.sqrt(1 - Math.pow(c.beta2(), t)) + c.epsilon();
      theta -= lr * mHat / denominator;
    }
    return theta;
  }

  @Test
  void excludesNormsAndBiasesFromDecay() {
    try (LlamaModel model =
        LlamaModel.initialize(TestModels.micro().withQkvBias(), 3, Device.cpu())) {
      assertThat(model.decayedParameterNames())
          .contains(
              LlamaParameterNames.EMBED_TOKENS, HEAD, "model.layers.0.self_attn.q_proj.weight")
          .doesNotContain(
              NORM,
              "model.layers.0.input_layernorm.weight",
              "model.layers.0.self_attn.q_proj.bias");
    }
  }
}
