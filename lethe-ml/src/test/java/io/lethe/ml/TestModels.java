package io.lethe.ml;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.lethe.ml.model.LlamaConfig;
import io.lethe.ml.model.LlamaModel;
import io.lethe.ml.model.LlamaParameterNames;
import io.lethe.ml.model.ParameterKind;
import io.lethe.ml.model.ParameterSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** Builders of small models for tests. */
public final class TestModels {

  public static final int VOCAB = 97;
  public static final int BOS = 1;
  public static final int EOS = 2;

  private TestModels() {}

  /** The micro preset over a 97-token vocabulary. */
  public static LlamaConfig micro() {
    return LlamaConfig.micro(VOCAB, BOS, EOS);
  }

  /**
   * A model whose every parameter (norm gains and biases included) is random with a large spread,
   * so logits are far from uniform and every weight matters in a comparison.
   */
  public static LlamaModel randomModel(LlamaConfig config, long seed, double std) {
    SplittableRandom random = new SplittableRandom(seed);
    NDManager manager = NDManager.newBaseManager(Device.cpu());
    Map<String, NDArray> params = new LinkedHashMap<>();
    for (ParameterSpec spec : LlamaParameterNames.specs(config)) {
      float[] v = new float[(int) spec.size()];
      for (int i = 0; i < v.length; i++) {
        double g = random.nextGaussian();
        v[i] = (float) (spec.kind() == ParameterKind.NORM_WEIGHT ? 1 + 0.1 * g : std * g);
      }
      params.put(spec.name(), manager.create(v, new Shape(spec.shape())));
    }
    return new LlamaModel(config, params, manager);
  }

  /** Random token ids in [3, VOCAB) (never BOS/EOS). */
  public static int[] randomIds(int length, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] ids = new int[length];
    for (int i = 0; i < length; i++) {
      ids[i] = 3 + r.nextInt(VOCAB - 3);
    }
    return ids;
  }
}
