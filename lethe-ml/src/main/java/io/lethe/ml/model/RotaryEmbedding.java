package io.lethe.ml.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Map;

/**
 * Rotary position embedding in Hugging Face's convention ({@code rotate_half} over the two halves
 * of a head, not interleaved pairs), so weights trained by transformers load and score identically.
 *
 * <p>{@code inv_freq_j = θ^(−2j/hd)}; angles {@code pos · inv_freq} are duplicated to width hd;
 * {@code rope(x) = x·cos + rotate_half(x)·sin} with {@code rotate_half([x1, x2]) = [−x2, x1]}.
 * Supports the {@code rope_scaling} types {@code default}, {@code linear} and {@code llama3} (Llama
 * 3.1/3.2).
 */
public final class RotaryEmbedding {

  private final int headDim;
  private final float[] inverseFrequencies;
  private final NDArray inverseFrequencyArray;

  /** Builds the frequency table of {@code config} on {@code manager}'s device. */
  public RotaryEmbedding(LlamaConfig config, NDManager manager) {
    this.headDim = config.headDim();
    this.inverseFrequencies = inverseFrequencies(config);
    this.inverseFrequencyArray = manager.create(inverseFrequencies);
  }

  /** The inverse frequencies (length hd/2) after any {@code rope_scaling}. */
  public static float[] inverseFrequencies(LlamaConfig config) {
    int hd = config.headDim();
    float[] inv = new float[hd / 2];
    for (int j = 0; j < hd / 2; j++) {
      // HF: 1 / base ** (arange(0, dim, 2).float() / dim), exponent in float32
      float exponent = (float) (2 * j) / (float) hd;
      inv[j] = (float) (1.0 / Math.pow(config.ropeTheta(), exponent));
    }
    Map<String, Object> scaling = config.ropeScaling();
    if (scaling == null) {
      return inv;
    }
    Object typeValue =
        scaling.containsKey("rope_type") ? scaling.get("rope_type") : scaling.get("type");
    String type = typeValue == null ? "default" : typeValue.toString();
    switch (type) {
      case "default":
        return inv;
      case "linear":
        {
          double factor = number(scaling, "factor");
          for (int j = 0; j < inv.length; j++) {
            inv[j] = (float) (inv[j] / factor);
          }
          return inv;
        }
      case "llama3":
        return llama3(inv, scaling);
      default:
        throw new IllegalArgumentException(
            "unsupported rope_scaling type '" + type + "' (supported: default, linear, llama3)");
    }
  }

  /**
   * HF {@code _compute_llama3_parameters}: long wavelengths are slowed by {@code factor}, a band is
   * blended.
   */
  private static float[] llama3(float[] inv, Map<String, Object> s) {
    double factor = number(s, "factor");
    double low = number(s, "low_freq_factor");
    double high = number(s, "high_freq_factor");
    double oldContext = number(s, "original_max_position_embeddings");
    double lowFreqWavelen = oldContext / low;
    double highFreqWavelen = oldContext / high;
    float[] out = new float[inv.length];
    for (int j = 0; j < inv.length; j++) {
      double wavelen = 2 * Math.PI / inv[j];
      double f = wavelen > lowFreqWavelen ? inv[j] / factor : inv[j];
      boolean medium = !(wavelen < highFreqWavelen) && !(wavelen > lowFreqWavelen);
      if (medium) {
        double smooth = (oldContext / wavelen - low) / (high - low);
        f = (1 - smooth) * f / factor + smooth * f;
      }
      out[j] = (float) f;
    }
    return out;
  }

  private static double number(Map<String, Object> s, String key) {
    Object v = s.get(key);
    if (!(v instanceof Number n)) {
      throw new IllegalArgumentException("rope_scaling lacks the number '" + key + "'");
    }
    return n.doubleValue();
  }

  /**
   * cos and sin of the rotation angles for {@code positions} (B or 1, T) int64; each of shape (B or
   * 1, T, 1, hd) so they broadcast over heads.
   */
  public NDList cosSin(NDArray positions) {
    Shape s = positions.getShape();
    NDArray angles =
        positions
            .toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
            .expandDims(-1)
            .mul(inverseFrequencyArray);
    NDArray emb =
        NDArrays.concat(new NDList(angles, angles), -1).reshape(s.get(0), s.get(1), 1, headDim);
    return new NDList(emb.cos(), emb.sin());
  }

  /** Rotates {@code x} (B, T, heads, hd) by the angles from {@link #cosSin}. */
  public NDArray apply(NDArray x, NDArray cos, NDArray sin) {
    int half = headDim / 2;
    NDArray x1 = x.get("..., :" + half);
    NDArray x2 = x.get("..., " + half + ":");
    NDArray rotated = NDArrays.concat(new NDList(x2.neg(), x1), -1);
    return x.mul(cos).add(rotated.mul(sin));
  }

  /** Inverse frequencies as Java values (for independent reference computations). */
  public float[] inverseFrequencies() {
    return inverseFrequencies.clone();
  }
}
