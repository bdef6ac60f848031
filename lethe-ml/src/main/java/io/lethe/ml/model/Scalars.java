package io.lethe.ml.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Scalar operands that are safe under autograd. DJL 0.35.1's {@code NDArray.mul(Number)}, {@code
 * div(Number)}, {@code pow(Number)}, … wrap the Java number in a tensor over a direct {@code
 * ByteBuffer} and close it right after the op; PyTorch has saved that tensor for the backward pass,
 * so once the JVM collects the buffer the gradients read freed memory (observed: random NaN/∞
 * gradient norms under GC pressure). A scalar made here is allocated by PyTorch itself ({@code
 * torch::full}) and lives as long as any graph references it.
 *
 * <p>Rule for every loss and forward pass that is differentiated: combine tensors with numbers only
 * through {@link #of}, e.g. {@code loss.div(Scalars.of(loss, n))}, never {@code loss.div(n)}.
 */
public final class Scalars {

  private Scalars() {}

  /**
   * A 0-dimensional array holding {@code value}, with the data type, device and manager of {@code
   * like}.
   */
  public static NDArray of(NDArray like, double value) {
    return like.getManager().full(new Shape(), (float) value, like.getDataType());
  }
}
