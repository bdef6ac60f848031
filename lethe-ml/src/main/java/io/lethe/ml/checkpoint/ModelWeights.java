package io.lethe.ml.checkpoint;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.lethe.ml.model.LlamaConfig;
import io.lethe.ml.model.LlamaModel;
import io.lethe.ml.model.LlamaParameterNames;
import io.lethe.ml.model.ParameterSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Moves a {@link LlamaModel}'s parameters to and from safetensors under their HF names: the whole
 * of "HF-compatible weights" in one place.
 */
public final class ModelWeights {

  private ModelWeights() {}

  /**
   * Writes every parameter of {@code model} to {@code file} as {@code storeAs} (F32 = bit-exact;
   * F16/BF16 round to nearest even). A tied LM head is not written, as {@code save_pretrained}
   * does.
   */
  public static void write(
      LlamaModel model, Path file, SafetensorsDType storeAs, Map<String, String> metadata)
      throws IOException {
    List<SafetensorsFile.Tensor> tensors = new ArrayList<>();
    for (ParameterSpec spec : model.parameterSpecs().values()) {
      NDArray a = model.parameters().get(spec.name());
      tensors.add(new SafetensorsFile.Tensor(spec.name(), spec.shape(), a.toFloatArray(), storeAs));
    }
    SafetensorsFile.write(file, tensors, metadata);
  }

  /**
   * Builds a model of {@code config} from {@code source} on {@code device}. Every parameter must be
   * present with its HF shape; tensors the architecture does not use are refused (a mismatch would
   * otherwise load silently), except {@code rotary_emb.inv_freq} buffers of old checkpoints and an
   * {@code lm_head.weight} next to tied embeddings.
   */
  public static LlamaModel load(LlamaConfig config, TensorSource source, Device device)
      throws IOException {
    NDManager manager = NDManager.newBaseManager(device);
    try {
      Map<String, NDArray> params = new LinkedHashMap<>();
      Set<String> unused = new HashSet<>(source.names());
      for (ParameterSpec spec : LlamaParameterNames.specs(config)) {
        if (!source.names().contains(spec.name())) {
          throw new IOException("checkpoint lacks parameter " + spec.name());
        }
        long[] shape = source.shape(spec.name());
        if (!Arrays.equals(shape, spec.shape())) {
          throw new IOException(
              "parameter "
                  + spec.name()
                  + " has shape "
                  + Arrays.toString(shape)
                  + " but config.json implies "
                  + Arrays.toString(spec.shape()));
        }
        params.put(
            spec.name(), manager.create(source.readFloat32(spec.name()), new Shape(spec.shape())));
        unused.remove(spec.name());
      }
      unused.removeIf(n -> n.endsWith("rotary_emb.inv_freq"));
      if (config.tieWordEmbeddings()) {
        unused.remove(LlamaParameterNames.LM_HEAD);
      }
      if (!unused.isEmpty()) {
        throw new IOException(
            "checkpoint has tensors this architecture does not use: " + new TreeSet<>(unused));
      }
      return new LlamaModel(config, params, manager);
    } catch (IOException | RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /**
   * Loads an HF model directory: {@code config.json} plus {@code model.safetensors} or a sharded
   * index.
   */
  public static LlamaModel loadDirectory(Path dir, Device device) throws IOException {
    LlamaConfig config = LlamaConfig.read(dir.resolve("config.json"));
    try (TensorSource source = ShardedSafetensors.openDirectory(dir)) {
      return load(config, source, device);
    }
  }
}
