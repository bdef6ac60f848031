package io.lethe.ml.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lethe.data.text.TextTokenizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * HF config parsing of real Llama/Qwen2 configs, refusal of architectures the model would compute
 * wrongly, presets.
 */
class LlamaConfigTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void parsesARealLlama32ConfigByItself() throws Exception {
    // config.json of meta-llama/Llama-3.2-1B (as published)
    String json =
        "{\"architectures\":[\"LlamaForCausalLM\"],\"attention_bias\":false,\"attention_dropout\":0.0,"
            + "\"bos_token_id\":128000,\"eos_token_id\":128001,\"head_dim\":64,\"hidden_act\":\"silu\","
            + "\"hidden_size\":2048,\"initializer_range\":0.02,\"intermediate_size\":8192,"
            + "\"max_position_embeddings\":131072,\"mlp_bias\":false,\"model_type\":\"llama\","
            + "\"num_attention_heads\":32,\"num_hidden_layers\":16,\"num_key_value_heads\":8,"
            + "\"pretraining_tp\":1,\"rms_norm_eps\":1e-05,\"rope_scaling\":{\"factor\":32.0,"
            + "\"high_freq_factor\":4.0,\"low_freq_factor\":1.0,\"original_max_position_embeddings\":8192,"
            + "\"rope_type\":\"llama3\"},\"rope_theta\":500000.0,\"tie_word_embeddings\":true,"
            + "\"torch_dtype\":\"bfloat16\",\"transformers_version\":\"4.45.0.dev0\",\"use_cache\":true,"
            + "\"vocab_size\":128256}";
    LlamaConfig c = LlamaConfig.fromJson(JSON.readTree(json));
    assertThat(c.headsPerKeyValue()).isEqualTo(4);
    assertThat(c.headDim()).isEqualTo(64);
    assertThat(c.tieWordEmbeddings()).isTrue();
    assertThat(c.eosTokenIds()).containsExactly(128001);
    assertThat(c.ropeScaling()).containsEntry("rope_type", "llama3");
    assertThat(LlamaParameterNames.count(c)).isEqualTo(1_235_814_400L);
    assertThat(LlamaConfig.fromJson(c.toJson())).isEqualTo(c);
  }

  @Test
  void parsesQwen2ConfigsWithQkvBiasAndEosLists() throws Exception {
    String json =
        "{\"architectures\":[\"Qwen2ForCausalLM\"],\"model_type\":\"qwen2\",\"hidden_size\":896,"
            + "\"intermediate_size\":4864,\"num_hidden_layers\":24,\"num_attention_heads\":14,"
            + "\"num_key_value_heads\":2,\"vocab_size\":151936,\"rms_norm_eps\":1e-06,\"rope_theta\":1000000.0,"
            + "\"tie_word_embeddings\":true,\"use_sliding_window\":false,\"sliding_window\":32768,"
            + "\"bos_token_id\":151643,\"eos_token_id\":[151645,151643],\"hidden_act\":\"silu\"}";
    LlamaConfig c = LlamaConfig.fromJson(JSON.readTree(json));
    assertThat(c.attentionBias()).isTrue();
    assertThat(c.attentionOutputBias()).isFalse();
    assertThat(c.eosTokenIds()).containsExactly(151645, 151643);
    assertThat(c.padId()).isEqualTo(151645);
    assertThat(c.toJson().get("architectures").get(0).asText()).isEqualTo("Qwen2ForCausalLM");
    assertThat(LlamaParameterNames.specs(c).stream().map(ParameterSpec::name))
        .contains("model.layers.0.self_attn.q_proj.bias")
        .doesNotContain("model.layers.0.self_attn.o_proj.bias", "lm_head.weight");
  }

  @Test
  void refusesArchitecturesItWouldComputeWrongly() {
    assertThatThrownBy(
            () ->
                LlamaConfig.fromJson(
                    JSON.readTree(
                        "{\"model_type\":\"gpt2\",\"hidden_size\":8,\"intermediate_size\":8,"
                            + "\"num_hidden_layers\":1,\"num_attention_heads\":2,\"vocab_size\":4}")))
        .hasMessageContaining("gpt2");
    assertThatThrownBy(
            () ->
                LlamaConfig.fromJson(
                    JSON.readTree(
                        "{\"model_type\":\"llama\",\"hidden_size\":8,\"intermediate_size\":8,"
                            + "\"num_hidden_layers\":1,\"num_attention_heads\":3,\"num_key_value_heads\":2,"
                            + "\"vocab_size\":4}")))
        .hasMessageContaining("multiple");
    assertThatThrownBy(
            () ->
                LlamaConfig.fromJson(
                    JSON.readTree(
                        "{\"model_type\":\"llama\",\"hidden_size\":8,\"intermediate_size\":8,"
                            + "\"num_hidden_layers\":1,\"num_attention_heads\":2,\"vocab_size\":4,"
                            + "\"rope_scaling\":{\"rope_type\":\"yarn\",\"factor\":4.0}}")))
        .hasMessageContaining("yarn");
  }

  @Test
  void presetsTakeTheirVocabularyFromTheTokenizer() {
    TextTokenizer tokenizer =
        new TextTokenizer() {
          @Override
          public int[] encode(String text, boolean addSpecialTokens) {
            return new int[0];
          }

          @Override
          public String decode(int[] ids, boolean skipSpecialTokens) {
            return "";
          }

          @Override
          public List<String> tokenize(String text) {
            return List.of();
          }

          @Override
          public int bosId() {
            return 0;
          }

          @Override
          public int eosId() {
            return 3;
          }

          @Override
          public int vocabSize() {
            return 2048;
          }

          @Override
          public void close() {}
        };
    LlamaConfig tiny = LlamaConfig.tiny(tokenizer);
    assertThat(tiny.vocabSize()).isEqualTo(2048);
    assertThat(tiny.bosTokenId()).isZero();
    assertThat(tiny.padId()).isEqualTo(3);
    assertThat(LlamaConfig.micro(tokenizer).hiddenSize()).isEqualTo(64);
  }

  @Test
  void deviceChoiceFallsBackToCpuWithoutGpu() {
    assertThat(DeviceChoice.parse("Auto")).isEqualTo(DeviceChoice.AUTO);
    assertThatThrownBy(() -> DeviceChoice.parse("tpu")).hasMessageContaining("auto, cpu or gpu");
    assertThat(DeviceChoice.CPU.resolve()).isEqualTo(Device.cpu());
    if (ai.djl.engine.Engine.getInstance().getGpuCount() == 0) {
      assertThat(DeviceChoice.AUTO.resolve()).isEqualTo(Device.cpu());
      assertThatThrownBy(DeviceChoice.GPU::resolve).isInstanceOf(IllegalStateException.class);
    } else {
      assertThat(DeviceChoice.AUTO.resolve().isGpu()).isTrue();
    }
  }
}
