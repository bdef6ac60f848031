package io.lethe.ml.checkpoint;

import java.io.IOException;
import java.util.Set;

/**
 * Named tensors readable one at a time as float32 — a single safetensors file or a sharded set — so
 * a loader never holds more than one tensor of a large checkpoint in Java memory.
 */
public interface TensorSource extends AutoCloseable {

  /** Names of all tensors. */
  Set<String> names();

  /** Shape of tensor {@code name}. */
  long[] shape(String name);

  /** Stored element type of tensor {@code name}. */
  SafetensorsDType dtype(String name);

  /** Values of tensor {@code name} in row-major order, widened to float32. */
  float[] readFloat32(String name) throws IOException;

  @Override
  void close() throws IOException;
}
