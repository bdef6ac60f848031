package io.lethe.ml.model;

import java.util.Arrays;

/**
 * One parameter of the model under its Hugging Face name with its HF shape, so checkpoint IO is a
 * straight name-to-tensor map.
 *
 * @param name HF parameter name, e.g. {@code model.layers.0.self_attn.q_proj.weight}
 * @param shape HF shape ({@code nn.Linear} weights are (out, in))
 * @param kind role of the parameter
 */
public record ParameterSpec(String name, long[] shape, ParameterKind kind) {

  public ParameterSpec {
    shape = shape.clone();
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  /** Number of scalars. */
  public long size() {
    long n = 1;
    for (long s : shape) {
      n *= s;
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ParameterSpec p
        && p.name.equals(name)
        && Arrays.equals(p.shape, shape)
        && p.kind == kind;
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return name + Arrays.toString(shape) + " " + kind;
  }
}
