package io.lethe.ml.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.lethe.ml.checkpoint.OptimizerState;
import io.lethe.ml.checkpoint.SafetensorsFile;
import io.lethe.ml.model.LlamaModel;
import io.lethe.ml.model.ParameterSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AdamW (Loshchilov &amp; Hutter) as PyTorch's {@code torch.optim.AdamW} computes it, with bias
 * correction and decoupled weight decay applied only to embeddings and projection matrices (HF
 * excludes biases and norm weights):
 *
 * <pre>
 *   θ ← θ·(1 − lr·wd)                         (decayed parameters only)
 *   m ← β1·m + (1 − β1)·g
 *   v ← β2·v + (1 − β2)·g²
 *   θ ← θ − (lr / (1 − β1^t)) · m / (sqrt(v) / sqrt(1 − β2^t) + ε)
 * </pre>
 *
 * <p>Updates are in place on the model's parameter arrays; temporaries go to the caller's step
 * manager. The state (moments and step count t) is saved as safetensors in float32, so a resumed
 * run is bit-identical to an uninterrupted one. Written here rather than using DJL's optimizer
 * because DJL's Adam neither excludes norms and biases from decay nor exposes its state for saving.
 */
public final class AdamW implements OptimizerState {

  private static final String FIRST_MOMENT = "exp_avg.";
  private static final String SECOND_MOMENT = "exp_avg_sq.";

  private final LlamaModel model;
  private final AdamWConfig config;
  private final NDManager stateManager;
  private final Map<String, NDArray> firstMoments = new LinkedHashMap<>();
  private final Map<String, NDArray> secondMoments = new LinkedHashMap<>();
  private long step;

  /** An optimizer for every parameter of {@code model}, with zero moments. */
  public AdamW(LlamaModel model, AdamWConfig config) {
    this.model = model;
    this.config = config;
    this.stateManager = model.manager().newSubManager();
    for (Map.Entry<String, NDArray> p : model.parameters().entrySet()) {
      firstMoments.put(p.getKey(), stateManager.zeros(p.getValue().getShape()));
      secondMoments.put(p.getKey(), stateManager.zeros(p.getValue().getShape()));
    }
  }

  /** Hyperparameters. */
  public AdamWConfig config() {
    return config;
  }

  /** Number of updates applied so far (t). */
  public long stepCount() {
    return step;
  }

  /**
   * Applies one update with learning rate {@code lr} from {@code gradients} (HF name → gradient,
   * already averaged over micro-batches and clipped); parameters without a gradient are left
   * untouched, as PyTorch does.
   */
  public void update(Map<String, NDArray> gradients, double lr, NDManager stepManager) {
    step++;
    double b1 = config.beta1();
    double b2 = config.beta2();
    float stepSize = (float) (lr / (1 - Math.pow(b1, step)));
    float sqrtBiasCorrection2 = (float) Math.sqrt(1 - Math.pow(b2, step));
    float decay = (float) (1 - lr * config.weightDecay());
    for (Map.Entry<String, NDArray> p : model.parameters().entrySet()) {
      String name = p.getKey();
      NDArray g = gradients.get(name);
      if (g == null) {
        continue;
      }
      NDArray theta = p.getValue();
      ParameterSpec spec = model.parameterSpecs().get(name);
      if (spec.kind().decayed() && config.weightDecay() != 0) {
        theta.muli(decay);
      }
      NDArray m = firstMoments.get(name);
      NDArray v = secondMoments.get(name);
      m.muli((float) b1).addi(local(g.mul((float) (1 - b1)), stepManager));
      v.muli((float) b2).addi(local(g.square().muli((float) (1 - b2)), stepManager));
      NDArray denominator =
          local(v.sqrt(), stepManager).divi(sqrtBiasCorrection2).addi((float) config.epsilon());
      theta.subi(local(m.div(denominator), stepManager).muli(stepSize));
    }
  }

  /**
   * Ops on state arrays create results in the state's manager; move them to the step so they are
   * freed.
   */
  private static NDArray local(NDArray temporary, NDManager stepManager) {
    temporary.attach(stepManager);
    return temporary;
  }

  @Override
  public void save(Path file) throws IOException {
    List<SafetensorsFile.Tensor> tensors = new ArrayList<>();
    for (String name : firstMoments.keySet()) {
      long[] shape = firstMoments.get(name).getShape().getShape();
      tensors.add(
          new SafetensorsFile.Tensor(
              FIRST_MOMENT + name, shape, firstMoments.get(name).toFloatArray()));
      tensors.add(
          new SafetensorsFile.Tensor(
              SECOND_MOMENT + name, shape, secondMoments.get(name).toFloatArray()));
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("optimizer", "adamw");
    metadata.put("step", Long.toString(step));
    metadata.put("beta1", Double.toString(config.beta1()));
    metadata.put("beta2", Double.toString(config.beta2()));
    metadata.put("epsilon", Double.toString(config.epsilon()));
    metadata.put("weight_decay", Double.toString(config.weightDecay()));
    SafetensorsFile.write(file, tensors, metadata);
  }

  @Override
  public void load(Path file) throws IOException {
    try (SafetensorsFile f = SafetensorsFile.open(file)) {
      if (!"adamw".equals(f.metadata().get("optimizer"))) {
        throw new IOException(file + " is not an AdamW state file");
      }
      for (String name : firstMoments.keySet()) {
        replace(firstMoments, name, f, FIRST_MOMENT + name);
        replace(secondMoments, name, f, SECOND_MOMENT + name);
      }
      step = Long.parseLong(f.metadata().get("step"));
    }
  }

  private void replace(Map<String, NDArray> moments, String name, SafetensorsFile f, String key)
      throws IOException {
    if (!f.names().contains(key)) {
      throw new IOException(f.path() + " lacks optimizer state " + key);
    }
    long[] expected = moments.get(name).getShape().getShape();
    if (!Arrays.equals(f.shape(key), expected)) {
      throw new IOException(
          key
              + " has shape "
              + Arrays.toString(f.shape(key))
              + ", expected "
              + Arrays.toString(expected));
    }
    NDArray loaded = stateManager.create(f.readFloat32(key), new Shape(expected));
    moments.put(name, loaded).close();
  }
}
