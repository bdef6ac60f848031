package io.lethe.ml.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.lethe.ml.ReferenceLlama;
import io.lethe.ml.TestModels;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The forward pass against an independent HF-semantics reference, padding invariance, seeding and
 * memory hygiene.
 */
class LlamaModelTest {

  private static final double TOLERANCE = 2e-4;

  @Test
  void logitsMatchIndependentHfReferenceWithGroupedQueryHeads() {
    assertMatchesReference(TestModels.micro());
  }

  @Test
  void logitsMatchReferenceWithQwen2StyleQkvBiasAndTiedHead() {
    assertMatchesReference(TestModels.micro().withQkvBias().withTiedEmbeddings(true));
  }

  @Test
  void logitsMatchReferenceWithLlama3RopeScaling() {
    LlamaConfig base = TestModels.micro();
    LlamaConfig scaled =
        new LlamaConfig(
            base.modelType(),
            base.vocabSize(),
            base.hiddenSize(),
            base.intermediateSize(),
            base.numHiddenLayers(),
            base.numAttentionHeads(),
            base.numKeyValueHeads(),
            base.headDim(),
            base.rmsNormEps(),
            500000.0,
            Map.of(
                "rope_type",
                "llama3",
                "factor",
                8.0,
                "low_freq_factor",
                1.0,
                "high_freq_factor",
                4.0,
                "original_max_position_embeddings",
                16),
            base.maxPositionEmbeddings(),
            false,
            false,
            false,
            false,
            base.bosTokenId(),
            base.eosTokenIds(),
            null,
            "float32",
            0.02);
    float[] plain = RotaryEmbedding.inverseFrequencies(base);
    float[] llama3 = RotaryEmbedding.inverseFrequencies(scaled);
    assertThat(llama3[llama3.length - 1]).isLessThan((float) Math.pow(500000.0, -14.0 / 16));
    assertThat(plain).isNotEqualTo(llama3);
    // by hand (HF _compute_llama3_parameters, wavelength bands 4 and 16): j=0 has wavelength 2π,
    // inside the band:
    // smooth = (16/2π − 1)/3 = 0.515493, f = (1 − smooth)·1/8 + smooth·1 = 0.576056
    assertThat((double) llama3[0]).isCloseTo(0.576056, within(1e-6));
    // j=1 has wavelength 2π/0.193923 = 32.4 > 16: slowed by the factor 8
    assertThat((double) llama3[1]).isCloseTo(0.193923 / 8, within(1e-6));
    assertMatchesReference(scaled);
  }

  private static void assertMatchesReference(LlamaConfig config) {
    try (LlamaModel model = TestModels.randomModel(config, 7, 0.3);
        NDManager step = model.manager().newSubManager()) {
      int[] ids = TestModels.randomIds(12, 3);
      double[][] expected = new ReferenceLlama(config, model.toFloatArrays()).logits(ids);
      float[] actual =
          model.forward(step.create(toLong(ids), new Shape(1, ids.length))).toFloatArray();
      double maxAbs = 0;
      for (double[] row : expected) {
        for (double v : row) {
          maxAbs = Math.max(maxAbs, Math.abs(v));
        }
      }
      assertThat(maxAbs).as("logits are far from uniform").isGreaterThan(1.0);
      for (int t = 0; t < ids.length; t++) {
        for (int v = 0; v < config.vocabSize(); v++) {
          assertThat((double) actual[t * config.vocabSize() + v])
              .as("logit t=%d v=%d", t, v)
              .isCloseTo(expected[t][v], within(TOLERANCE * Math.max(1, maxAbs)));
        }
      }
    }
  }

  @Test
  void rightPaddedBatchGivesUnbatchedLogitsOnRealTokens() {
    LlamaConfig config = TestModels.micro();
    try (LlamaModel model = TestModels.randomModel(config, 11, 0.3);
        NDManager step = model.manager().newSubManager()) {
      int[] a = TestModels.randomIds(9, 1);
      int[] b = TestModels.randomIds(5, 2);
      long[] ids = new long[18];
      long[] mask = new long[18];
      for (int t = 0; t < 9; t++) {
        ids[t] = a[t];
        mask[t] = 1;
        ids[9 + t] = t < 5 ? b[t] : TestModels.EOS;
        mask[9 + t] = t < 5 ? 1 : 0;
      }
      float[] batched =
          model
              .forward(
                  step.create(ids, new Shape(2, 9)), step.create(mask, new Shape(2, 9)), null, null)
              .toFloatArray();
      float[] aAlone = model.forward(step.create(toLong(a), new Shape(1, 9))).toFloatArray();
      float[] bAlone = model.forward(step.create(toLong(b), new Shape(1, 5))).toFloatArray();
      int v = config.vocabSize();
      for (int i = 0; i < 9 * v; i++) {
        assertThat(batched[i]).isCloseTo(aAlone[i], within(1e-4f));
      }
      for (int i = 0; i < 5 * v; i++) {
        assertThat(batched[9 * v + i]).isCloseTo(bAlone[i], within(1e-4f));
      }
    }
  }

  @Test
  void leftPaddedRowWithShiftedPositionsGivesUnbatchedLogits() {
    LlamaConfig config = TestModels.micro();
    try (LlamaModel model = TestModels.randomModel(config, 12, 0.3);
        NDManager step = model.manager().newSubManager()) {
      int[] b = TestModels.randomIds(4, 5);
      long[] ids = {TestModels.EOS, TestModels.EOS, b[0], b[1], b[2], b[3]};
      long[] mask = {0, 0, 1, 1, 1, 1};
      long[] positions = {1, 1, 0, 1, 2, 3};
      float[] padded =
          model
              .forward(
                  step.create(ids, new Shape(1, 6)),
                  step.create(mask, new Shape(1, 6)),
                  step.create(positions, new Shape(1, 6)),
                  null)
              .toFloatArray();
      float[] alone = model.forward(step.create(toLong(b), new Shape(1, 4))).toFloatArray();
      int v = config.vocabSize();
      for (int i = 0; i < 4 * v; i++) {
        assertThat(padded[2 * v + i]).isFinite().isCloseTo(alone[i], within(1e-4f));
      }
    }
  }

  @Test
  void forwardCreatesNothingInTheModelManager() {
    try (LlamaModel model = LlamaModel.initialize(TestModels.micro(), 1, Device.cpu())) {
      int before = model.manager().getManagedArrays().size();
      try (NDManager step = model.manager().newSubManager()) {
        model.forward(step.create(new long[] {1, 5, 6, 7}, new Shape(1, 4)));
      }
      assertThat(model.manager().getManagedArrays()).hasSize(before);
    }
  }

  @Test
  void sameSeedGivesBitIdenticalInitialWeights() {
    try (LlamaModel a = LlamaModel.initialize(TestModels.micro(), 42, Device.cpu());
        LlamaModel b = LlamaModel.initialize(TestModels.micro(), 42, Device.cpu());
        LlamaModel c = LlamaModel.initialize(TestModels.micro(), 43, Device.cpu())) {
      Map<String, float[]> wa = a.toFloatArrays();
      Map<String, float[]> wb = b.toFloatArrays();
      wa.forEach((name, values) -> assertThat(wb.get(name)).as(name).isEqualTo(values));
      assertThat(c.toFloatArrays().get(LlamaParameterNames.EMBED_TOKENS))
          .isNotEqualTo(wa.get(LlamaParameterNames.EMBED_TOKENS));
      float[] norm = wa.get(LlamaParameterNames.FINAL_NORM);
      assertThat(norm).containsOnly(1f);
    }
  }

  @Test
  void copyIsAnIndependentFrozenReference() {
    try (LlamaModel model = LlamaModel.initialize(TestModels.micro(), 3, Device.cpu());
        LlamaModel reference = model.copy()) {
      NDArray norm = model.parameters().get(LlamaParameterNames.FINAL_NORM);
      norm.addi(1f);
      assertThat(reference.parameters().get(LlamaParameterNames.FINAL_NORM).toFloatArray())
          .containsOnly(1f);
      assertThat(norm.toFloatArray()).containsOnly(2f);
      assertThat(reference.parameters().get(LlamaParameterNames.EMBED_TOKENS).toFloatArray())
          .isEqualTo(model.parameters().get(LlamaParameterNames.EMBED_TOKENS).toFloatArray());
    }
  }

  @Test
  void presetsHaveTheDocumentedSizes() {
    LlamaConfig tiny = LlamaConfig.tiny(2048, 1, 2);
    assertThat(tiny.hiddenSize()).isEqualTo(256);
    assertThat(tiny.headDim()).isEqualTo(32);
    assertThat(tiny.headsPerKeyValue()).isEqualTo(2);
    // 2·V·d (embedding + head) + N·(2d + d·(H+2Hkv)·hd + H·hd·d + 3·d·ffn) + d
    long expected = 2L * 2048 * 256 + 4L * (2 * 256 + 256 * 512 + 256 * 256 + 3L * 256 * 688) + 256;
    assertThat(LlamaParameterNames.count(tiny)).isEqualTo(expected);
    assertThat(LlamaParameterNames.count(TestModels.micro())).isLessThan(200_000);
  }

  @Test
  void rejectsWeightsOfTheWrongShape() {
    LlamaConfig config = TestModels.micro();
    try (LlamaModel model = LlamaModel.initialize(config, 1, Device.cpu())) {
      Map<String, NDArray> params = new java.util.LinkedHashMap<>(model.parameters());
      params.put(LlamaParameterNames.FINAL_NORM, model.manager().zeros(new Shape(3)));
      assertThatThrownBy(() -> new LlamaModel(config, params, model.manager()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("model.norm.weight");
    }
  }

  static long[] toLong(int[] ids) {
    long[] out = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = ids[i];
    }
    return out;
  }
}
