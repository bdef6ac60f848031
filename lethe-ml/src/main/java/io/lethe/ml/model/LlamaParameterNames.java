package io.lethe.ml.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The Hugging Face parameter names and shapes of a Llama model (as {@code
 * LlamaForCausalLM.state_dict()} lists them), the single source of truth for initialisation,
 * checkpoints and the optimizer.
 */
public final class LlamaParameterNames {

  public static final String EMBED_TOKENS = "model.embed_tokens.weight";
  public static final String FINAL_NORM = "model.norm.weight";
  public static final String LM_HEAD = "lm_head.weight";

  private LlamaParameterNames() {}

  /** Prefix of layer {@code i}: {@code model.layers.i.}. */
  public static String layer(int i) {
    return "model.layers." + i + ".";
  }

  /**
   * All parameters of {@code config} in HF order. With tied embeddings {@code lm_head.weight} is
   * absent, as in a checkpoint written by {@code save_pretrained}.
   */
  public static List<ParameterSpec> specs(LlamaConfig c) {
    long d = c.hiddenSize();
    long q = (long) c.numAttentionHeads() * c.headDim();
    long kv = (long) c.numKeyValueHeads() * c.headDim();
    long ffn = c.intermediateSize();
    List<ParameterSpec> specs = new ArrayList<>();
    specs.add(
        new ParameterSpec(EMBED_TOKENS, new long[] {c.vocabSize(), d}, ParameterKind.EMBEDDING));
    for (int i = 0; i < c.numHiddenLayers(); i++) {
      String p = layer(i);
      specs.add(norm(p + "input_layernorm.weight", d));
      linear(specs, p + "self_attn.q_proj", q, d, c.attentionBias());
      linear(specs, p + "self_attn.k_proj", kv, d, c.attentionBias());
      linear(specs, p + "self_attn.v_proj", kv, d, c.attentionBias());
      linear(specs, p + "self_attn.o_proj", d, q, c.attentionOutputBias());
      specs.add(norm(p + "post_attention_layernorm.weight", d));
      linear(specs, p + "mlp.gate_proj", ffn, d, c.mlpBias());
      linear(specs, p + "mlp.up_proj", ffn, d, c.mlpBias());
      linear(specs, p + "mlp.down_proj", d, ffn, c.mlpBias());
    }
    specs.add(norm(FINAL_NORM, d));
    if (!c.tieWordEmbeddings()) {
      specs.add(
          new ParameterSpec(LM_HEAD, new long[] {c.vocabSize(), d}, ParameterKind.LINEAR_WEIGHT));
    }
    return specs;
  }

  /** Total number of trainable scalars (a tied LM head counts once). */
  public static long count(LlamaConfig c) {
    return specs(c).stream().mapToLong(ParameterSpec::size).sum();
  }

  private static ParameterSpec norm(String name, long d) {
    return new ParameterSpec(name, new long[] {d}, ParameterKind.NORM_WEIGHT);
  }

  private static void linear(
      List<ParameterSpec> specs, String prefix, long out, long in, boolean bias) {
    specs.add(
        new ParameterSpec(prefix + ".weight", new long[] {out, in}, ParameterKind.LINEAR_WEIGHT));
    if (bias) {
      specs.add(new ParameterSpec(prefix + ".bias", new long[] {out}, ParameterKind.BIAS));
    }
  }
}
