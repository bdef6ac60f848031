package io.lethe.unlearning;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A fresh NDManager per test (closed after it) and a helper to take gradients with DJL autograd.
 */
public abstract class NdTestSupport {

  protected NDManager manager;

  @BeforeEach
  void openManager() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void closeManager() {
    manager.close();
  }

  /**
   * Runs {@code loss} inside a gradient collector and back-propagates it; the inputs' gradients are
   * then readable with {@code getGradient()}. Inputs must have {@code setRequiresGradient(true)}.
   *
   * @return the loss value
   */
  protected static float backward(Supplier<NDArray> loss) {
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      NDArray value = loss.get();
      gc.backward(value);
      return value.getFloat();
    }
  }

  /** A trainable copy of {@code values} (gradient recorded). */
  protected NDArray trainable(float[][][] values) {
    NDArray a = Fixtures.logits(manager, values);
    a.setRequiresGradient(true);
    return a;
  }

  /** A trainable (B,) vector. */
  protected NDArray trainableVector(double... values) {
    NDArray a = Fixtures.vector(manager, values);
    a.setRequiresGradient(true);
    return a;
  }
}
