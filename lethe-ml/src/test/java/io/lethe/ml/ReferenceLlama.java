package io.lethe.ml;

import io.lethe.ml.model.LlamaConfig;
import io.lethe.ml.model.LlamaParameterNames;
import io.lethe.ml.model.RotaryEmbedding;
import java.util.Map;

/**
 * An independent, loop-by-loop double-precision implementation of Hugging Face's LlamaForCausalLM
 * forward pass for one unpadded sequence (positions 0..T−1), used as the ground truth the DJL model
 * is tested against.
 */
public final class ReferenceLlama {

  private final LlamaConfig c;
  private final Map<String, float[]> w;

  public ReferenceLlama(LlamaConfig config, Map<String, float[]> weights) {
    this.c = config;
    this.w = weights;
  }

  /** Logits [T][V] of {@code ids}. */
  public double[][] logits(int[] ids) {
    int t = ids.length;
    int d = c.hiddenSize();
    double[][] x = new double[t][d];
    float[] emb = w.get(LlamaParameterNames.EMBED_TOKENS);
    for (int i = 0; i < t; i++) {
      for (int j = 0; j < d; j++) {
        x[i][j] = emb[ids[i] * d + j];
      }
    }
    for (int l = 0; l < c.numHiddenLayers(); l++) {
      String p = LlamaParameterNames.layer(l);
      double[][] h = rmsNorm(x, w.get(p + "input_layernorm.weight"));
      double[][] q = linear(h, p + "self_attn.q_proj");
      double[][] k = linear(h, p + "self_attn.k_proj");
      double[][] v = linear(h, p + "self_attn.v_proj");
      rope(q, c.numAttentionHeads());
      rope(k, c.numKeyValueHeads());
      double[][] ctx = attention(q, k, v);
      double[][] o = linear(ctx, p + "self_attn.o_proj");
      add(x, o);
      double[][] h2 = rmsNorm(x, w.get(p + "post_attention_layernorm.weight"));
      double[][] gate = linear(h2, p + "mlp.gate_proj");
      double[][] up = linear(h2, p + "mlp.up_proj");
      for (int i = 0; i < gate.length; i++) {
        for (int j = 0; j < gate[i].length; j++) {
          double g = gate[i][j];
          gate[i][j] = g / (1 + Math.exp(-g)) * up[i][j];
        }
      }
      add(x, linear(gate, p + "mlp.down_proj"));
    }
    double[][] hf = rmsNorm(x, w.get(LlamaParameterNames.FINAL_NORM));
    float[] head =
        c.tieWordEmbeddings()
            ? w.get(LlamaParameterNames.EMBED_TOKENS)
            : w.get(LlamaParameterNames.LM_HEAD);
    return matmulT(hf, head, c.vocabSize(), null);
  }

  private double[][] attention(double[][] q, double[][] k, double[][] v) {
    int t = q.length;
    int hd = c.headDim();
    int heads = c.numAttentionHeads();
    int groups = heads / c.numKeyValueHeads();
    double[][] out = new double[t][heads * hd];
    for (int h = 0; h < heads; h++) {
      int kvh = h / groups; // HF repeat_kv
      for (int i = 0; i < t; i++) {
        double[] scores = new double[i + 1];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j <= i; j++) {
          double s = 0;
          for (int e = 0; e < hd; e++) {
            s += q[i][h * hd + e] * k[j][kvh * hd + e];
          }
          scores[j] = s / Math.sqrt(hd);
          max = Math.max(max, scores[j]);
        }
        double z = 0;
        for (int j = 0; j <= i; j++) {
          scores[j] = Math.exp(scores[j] - max);
          z += scores[j];
        }
        for (int j = 0; j <= i; j++) {
          for (int e = 0; e < hd; e++) {
            out[i][h * hd + e] += scores[j] / z * v[j][kvh * hd + e];
          }
        }
      }
    }
    return out;
  }

  /** HF apply_rotary_pos_emb with rotate_half on the two halves of each head. */
  private void rope(double[][] x, int heads) {
    int hd = c.headDim();
    float[] inv = RotaryEmbedding.inverseFrequencies(c);
    for (int pos = 0; pos < x.length; pos++) {
      for (int h = 0; h < heads; h++) {
        double[] rotated = new double[hd];
        for (int e = 0; e < hd; e++) {
          double angle = (double) pos * inv[e % (hd / 2)];
          double rh = e < hd / 2 ? -x[pos][h * hd + e + hd / 2] : x[pos][h * hd + e - hd / 2];
          rotated[e] = x[pos][h * hd + e] * Math.cos(angle) + rh * Math.sin(angle);
        }
        System.arraycopy(rotated, 0, x[pos], h * hd, hd);
      }
    }
  }

  private double[][] rmsNorm(double[][] x, float[] weight) {
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      double ss = 0;
      for (double v : x[i]) {
        ss += v * v;
      }
      double inv = 1 / Math.sqrt(ss / x[i].length + c.rmsNormEps());
      out[i] = new double[x[i].length];
      for (int j = 0; j < x[i].length; j++) {
        out[i][j] = weight[j] * x[i][j] * inv;
      }
    }
    return out;
  }

  private double[][] linear(double[][] x, String prefix) {
    float[] weight = w.get(prefix + ".weight");
    float[] bias = w.get(prefix + ".bias");
    int out = weight.length / x[0].length;
    return matmulT(x, weight, out, bias);
  }

  private static double[][] matmulT(double[][] x, float[] weight, int out, float[] bias) {
    int in = x[0].length;
    double[][] y = new double[x.length][out];
    for (int i = 0; i < x.length; i++) {
      for (int o = 0; o < out; o++) {
        double s = bias == null ? 0 : bias[o];
        for (int j = 0; j < in; j++) {
          s += x[i][j] * weight[o * in + j];
        }
        y[i][o] = s;
      }
    }
    return y;
  }

  private static void add(double[][] x, double[][] y) {
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x[i].length; j++) {
        x[i][j] += y[i][j];
      }
    }
  }
}
