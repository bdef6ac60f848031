package io.lethe.unlearning;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * A scope in which the engine records no autograd graph (PyTorch's {@code torch.no_grad()}), for
 * the frozen reference model: closer-look runs it under {@code no_grad} (methods.md §1.4), which
 * saves the memory and time of a graph nobody back-propagates through.
 *
 * <p>DJL has no engine-neutral no-grad switch; on PyTorch this flips the (thread-local) grad mode
 * and restores the previous mode on close. On other engines it does nothing, and callers must still
 * detach what they compute inside ({@code stopGradient}) — {@code UnlearningObjective} does both,
 * so correctness never depends on this scope.
 */
public final class NoGradient implements AutoCloseable {

  private final boolean switched;
  private final boolean previous;

  private NoGradient(boolean switched, boolean previous) {
    this.switched = switched;
    this.previous = previous;
  }

  /** Switches gradient recording off until {@link #close()}. */
  public static NoGradient open() {
    if (!isPyTorch()) {
      return new NoGradient(false, false);
    }
    boolean previous = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    return new NoGradient(true, previous);
  }

  /**
   * Whether the engine currently records gradients (always {@code true} on engines without a grad
   * mode switch).
   */
  public static boolean isRecording() {
    return !isPyTorch() || JniUtils.isGradMode();
  }

  @Override
  public void close() {
    if (switched) {
      JniUtils.setGradMode(previous);
    }
  }

  private static boolean isPyTorch() {
    return "PyTorch".equals(Engine.getDefaultEngineName());
  }
}
