package io.lethe.unlearning;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * A causal LM small enough to reason about: the logits at position t are row {@code ids[t]} of a
 * learnable (V, V) table (a bigram model). Lets objective tests take real gradient steps without a
 * transformer, and records how often and under which grad mode it was called.
 */
public final class ToyBigramLm implements CausalLmForward {

  private final NDArray weights;
  private final List<Boolean> gradModeAtCall = new ArrayList<>();

  private ToyBigramLm(NDArray weights) {
    this.weights = weights;
  }

  /** A model with the given (V, V) table; {@code trainable} turns on gradient recording for it. */
  public static ToyBigramLm of(NDManager manager, float[][] table, boolean trainable) {
    int v = table.length;
    float[] flat = new float[v * v];
    for (int i = 0; i < v; i++) {
      System.arraycopy(table[i], 0, flat, i * v, v);
    }
    NDArray w = manager.create(flat, new Shape(v, v));
    if (trainable) {
      w.setRequiresGradient(true);
    }
    return new ToyBigramLm(w);
  }

  @Override
  public NDArray logits(NDArray inputIds, NDArray attentionMask) {
    gradModeAtCall.add(NoGradient.isRecording());
    int v = Math.toIntExact(weights.getShape().get(0));
    return inputIds.oneHot(v).matMul(weights);
  }

  /** The (V, V) table. */
  public NDArray weights() {
    return weights;
  }

  /** Number of forward calls so far. */
  public int calls() {
    return gradModeAtCall.size();
  }

  /** Whether gradient recording was on at each call. */
  public List<Boolean> gradModeAtCall() {
    return List.copyOf(gradModeAtCall);
  }

  /** Host logits {@code [i][t][v]} of {@code ids} under {@code table} (for reference math). */
  public static float[][][] hostLogits(float[][] table, long[][] ids) {
    float[][][] out = new float[ids.length][ids[0].length][];
    for (int i = 0; i < ids.length; i++) {
      for (int t = 0; t < ids[0].length; t++) {
        out[i][t] = table[(int) ids[i][t]].clone();
      }
    }
    return out;
  }
}
