package io.lethe.ml.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * Keys and values of every layer for the tokens seen so far, so that each generation step only
 * computes the new token's projections instead of re-running the whole prefix (O(T) instead of
 * O(T²) work per step).
 *
 * <p>Keys are stored after RoPE, shape (B, kvHeads, S, hd). The cache owns its arrays in its own
 * manager: step temporaries can be freed while the cache lives on.
 */
public final class KvCache implements AutoCloseable {

  private final NDManager manager;
  private final NDArray[] keys;
  private final NDArray[] values;
  private int length;

  /**
   * An empty cache for {@code layers} layers whose arrays live in a sub-manager of {@code parent}.
   */
  public KvCache(int layers, NDManager parent) {
    this.manager = parent.newSubManager();
    this.keys = new NDArray[layers];
    this.values = new NDArray[layers];
  }

  /** Number of positions cached (the past length S). */
  public int length() {
    return length;
  }

  /**
   * Appends this step's keys and values (B, kvHeads, T, hd) of {@code layer} and returns the full
   * (B, kvHeads, S + T, hd) arrays.
   */
  NDList append(int layer, NDArray k, NDArray v) {
    keys[layer] = extend(keys[layer], k);
    values[layer] = extend(values[layer], v);
    return new NDList(keys[layer], values[layer]);
  }

  /** Called by the model once all layers have appended {@code newTokens} positions. */
  void advance(int newTokens) {
    length += newTokens;
  }

  private NDArray extend(NDArray old, NDArray added) {
    NDArray full;
    if (old == null) {
      full = added.duplicate();
    } else {
      full = NDArrays.concat(new NDList(old, added), 2);
    }
    full.attach(manager);
    if (old != null) {
      old.close();
    }
    return full;
  }

  @Override
  public void close() {
    manager.close();
  }
}
