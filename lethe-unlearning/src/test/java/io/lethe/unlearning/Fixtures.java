package io.lethe.unlearning;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Tiny hand-written tensors (B = 2, L = 4, V = 3) shared by the loss tests. */
public final class Fixtures {

  /** Logits of two sequences, four positions, three vocabulary entries. */
  public static final float[][][] LOGITS = {
    {{1.0f, 2.0f, 0.5f}, {0.3f, -1.0f, 2.0f}, {1.5f, 1.5f, 0.0f}, {0.0f, 0.2f, -0.4f}},
    {{-0.5f, 0.0f, 1.0f}, {2.0f, 0.1f, -1.0f}, {0.7f, -0.3f, 0.9f}, {1.0f, 1.0f, 1.0f}}
  };

  /** Other logits on the same shape (a second model). */
  public static final float[][][] OTHER_LOGITS = {
    {{0.2f, 0.1f, 0.0f}, {1.3f, -0.4f, 0.6f}, {-1.0f, 2.5f, 0.3f}, {0.9f, 0.0f, 0.1f}},
    {{0.0f, 0.0f, 0.0f}, {1.0f, 1.1f, -0.2f}, {0.4f, 0.4f, -1.9f}, {2.2f, -0.7f, 0.5f}}
  };

  /**
   * Unshifted labels: row 0 scores positions 0 and 1 (targets 2, 0), row 1 scores positions 0..2
   * (targets 0, 1, 2) — unequal counts, so the token mean differs from the mean of sequence means.
   */
  public static final long[][] LABELS = {{-100, 2, 0, -100}, {-100, 0, 1, 2}};

  /** Attention mask of {@link #LABELS}: row 0 has one padding position at the end. */
  public static final long[][] ATTENTION = {{1, 1, 1, 0}, {1, 1, 1, 1}};

  private Fixtures() {}

  /** A (B, L, V) float32 array. */
  public static NDArray logits(NDManager manager, float[][][] values) {
    int b = values.length;
    int l = values[0].length;
    int v = values[0][0].length;
    float[] flat = new float[b * l * v];
    int k = 0;
    for (float[][] row : values) {
      for (float[] pos : row) {
        for (float x : pos) {
          flat[k++] = x;
        }
      }
    }
    return manager.create(flat, new Shape(b, l, v));
  }

  /** A (B, L) int64 array. */
  public static NDArray ints(NDManager manager, long[][] values) {
    int b = values.length;
    int l = values[0].length;
    long[] flat = new long[b * l];
    for (int i = 0; i < b; i++) {
      System.arraycopy(values[i], 0, flat, i * l, l);
    }
    return manager.create(flat, new Shape(b, l));
  }

  /** A (B,) float32 array. */
  public static NDArray vector(NDManager manager, double... values) {
    float[] f = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      f[i] = (float) values[i];
    }
    return manager.create(f);
  }

  /** Element {@code [i][t][v]} of a (B, L, V) array's host copy. */
  public static float at(NDArray array, int i, int t, int v) {
    long[] shape = array.getShape().getShape();
    return array.toFloatArray()[(int) ((i * shape[1] + t) * shape[2] + v)];
  }
}
