package io.lethe.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import io.lethe.ml.model.LlamaConfig;
import io.lethe.ml.model.LlamaModel;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Model mixing against hand-computed float32 interpolations. */
class ModelMixerTest {

  private static final LlamaConfig CONFIG = LlamaConfig.micro(97, 1, 2);

  @Test
  void theEndsOfTheMixAreTheTwoModelsBitForBit() {
    try (LlamaModel base = LlamaModel.initialize(CONFIG, 1, Device.cpu());
        LlamaModel other = LlamaModel.initialize(CONFIG, 2, Device.cpu());
        LlamaModel zero = ModelMixer.mix(base, other, 0);
        LlamaModel one = ModelMixer.mix(base, other, 1)) {
      Map<String, float[]> b = base.toFloatArrays();
      Map<String, float[]> o = other.toFloatArrays();
      Map<String, float[]> z = zero.toFloatArrays();
      Map<String, float[]> w = one.toFloatArrays();
      b.forEach((name, values) -> assertThat(z.get(name)).as(name).isEqualTo(values));
      o.forEach((name, values) -> assertThat(w.get(name)).as(name).isEqualTo(values));
    }
  }

  @Test
  void everyParameterIsTheFloat32Interpolation() {
    try (LlamaModel base = LlamaModel.initialize(CONFIG, 1, Device.cpu());
        LlamaModel other = LlamaModel.initialize(CONFIG, 2, Device.cpu());
        LlamaModel mixed = ModelMixer.mix(base, other, 0.25)) {
      Map<String, float[]> b = base.toFloatArrays();
      Map<String, float[]> o = other.toFloatArrays();
      Map<String, float[]> m = mixed.toFloatArrays();
      assertThat(m.keySet()).isEqualTo(b.keySet());
      // embeddings, projections and norm weights alike
      for (String name : b.keySet()) {
        float[] expected = new float[b.get(name).length];
        for (int i = 0; i < expected.length; i++) {
          expected[i] = 0.75f * b.get(name)[i] + 0.25f * o.get(name)[i];
        }
        assertThat(m.get(name)).as(name).isEqualTo(expected);
      }
      // the inputs are left as they were
      assertThat(base.toFloatArrays().get("model.norm.weight"))
          .isEqualTo(b.get("model.norm.weight"));
    }
  }

  @Test
  void modelsOfDifferentShapesCannotBeMixed() {
    try (LlamaModel base = LlamaModel.initialize(CONFIG, 1, Device.cpu());
        LlamaModel other = LlamaModel.initialize(LlamaConfig.micro(101, 1, 2), 2, Device.cpu())) {
      assertThatThrownBy(() -> ModelMixer.mix(base, other, 0.5))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("model.embed_tokens.weight");
      assertThatThrownBy(() -> ModelMixer.mix(base, base, 1.5))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
