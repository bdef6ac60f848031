package io.lethe.trainer.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.lethe.ml.model.LlamaModel;
import io.lethe.ml.model.ParameterSpec;
import io.lethe.ml.model.Scalars;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Model mixing, the calibration of Unlearning with Control (methods.md §2.4, §5): a new model
 *
 * <pre>
 * θ = (1 − α)·θ_base + α·θ_other
 * </pre>
 *
 * elementwise over every parameter, embeddings and norms included, in float32. α = 0 gives the base
 * back, α = 1 the other model; both must have the same parameter names and shapes.
 */
public final class ModelMixer {

  private ModelMixer() {}

  /**
   * The mixture of {@code base} and {@code other} (a new model on base's device; the inputs are
   * unchanged).
   *
   * @param alpha weight of {@code other}, in [0, 1]
   */
  public static LlamaModel mix(LlamaModel base, LlamaModel other, double alpha) {
    if (!(alpha >= 0 && alpha <= 1)) {
      throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
    }
    requireSameParameters(base, other);
    NDManager manager = NDManager.newBaseManager(base.device());
    // detached handles and intermediates live in a scratch manager, freed when the mix is done
    try (NDManager scratch = base.manager().newSubManager()) {
      Map<String, NDArray> mixed = new LinkedHashMap<>();
      for (Map.Entry<String, NDArray> p : base.parameters().entrySet()) {
        NDArray b = p.getValue().stopGradient();
        b.attach(scratch);
        NDArray o = other.parameters().get(p.getKey()).stopGradient();
        o.attach(scratch);
        if (!o.getDevice().equals(b.getDevice())) {
          o = o.toDevice(b.getDevice(), true);
        }
        NDArray m = b.mul(Scalars.of(b, 1 - alpha)).add(o.mul(Scalars.of(o, alpha)));
        m.attach(manager);
        mixed.put(p.getKey(), m);
      }
      return new LlamaModel(base.config(), mixed, manager);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  private static void requireSameParameters(LlamaModel base, LlamaModel other) {
    Map<String, ParameterSpec> a = base.parameterSpecs();
    Map<String, ParameterSpec> b = other.parameterSpecs();
    if (!a.keySet().equals(b.keySet())) {
      throw new IllegalArgumentException(
          "cannot mix models with different parameters: " + a.keySet() + " vs " + b.keySet());
    }
    for (String name : a.keySet()) {
      if (!Arrays.equals(a.get(name).shape(), b.get(name).shape())) {
        throw new IllegalArgumentException(
            "cannot mix "
                + name
                + ": shapes "
                + Arrays.toString(a.get(name).shape())
                + " and "
                + Arrays.toString(b.get(name).shape()));
      }
    }
  }
}
