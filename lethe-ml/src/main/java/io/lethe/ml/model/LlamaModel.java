package io.lethe.ml.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A Llama-family decoder (token embedding, N × [RMSNorm, grouped-query self-attention with RoPE and
 * a causal mask, RMSNorm, SwiGLU MLP], final RMSNorm, LM head) written as explicit NDArray
 * operations over parameters held under their Hugging Face names.
 *
 * <p>Why not a DJL {@code AbstractBlock} tree: checkpoint IO becomes a straight name→tensor map
 * with HF names; the KV cache, left-padding positions and the additive mask are plain arguments
 * instead of being threaded through {@code NDList}s; the optimizer (our own AdamW, whose state must
 * be saved for exact resume) reads parameters and gradients directly; and there is no {@code
 * ParameterStore} indirection per call. Autograd is PyTorch's: parameters carry {@code
 * requires_grad} (see {@link #setTrainable}) and every op is recorded inside a DJL {@code
 * GradientCollector}.
 *
 * <p>Memory discipline: every intermediate is created in the manager of the input ids (callers pass
 * ids from a per-step sub-manager), never in the model's own manager, so closing the step manager
 * frees the step.
 */
public final class LlamaModel implements AutoCloseable {

  /** Additive mask value: finite (unlike −inf) so a fully masked left-padding row gives no NaN. */
  static final float MASKED = -1e9f;

  private final LlamaConfig config;
  private final NDManager manager;
  private final Map<String, NDArray> parameters;
  private final Map<String, ParameterSpec> specs;
  private final RotaryEmbedding rope;
  private final Layer[] layers;
  private final NDArray embedTokens;
  private final NDArray finalNorm;
  private final NDArray lmHead;
  private final float attentionScale;

  private record Layer(
      NDArray inputNorm,
      NDArray q,
      NDArray qBias,
      NDArray k,
      NDArray kBias,
      NDArray v,
      NDArray vBias,
      NDArray o,
      NDArray oBias,
      NDArray postNorm,
      NDArray gate,
      NDArray gateBias,
      NDArray up,
      NDArray upBias,
      NDArray down,
      NDArray downBias) {}

  /**
   * Wraps {@code parameters} (HF name → array, all owned by {@code manager}); every parameter of
   * {@link LlamaParameterNames#specs} must be present with its HF shape.
   */
  public LlamaModel(LlamaConfig config, Map<String, NDArray> parameters, NDManager manager) {
    this.config = config;
    this.manager = manager;
    Map<String, NDArray> ordered = new LinkedHashMap<>();
    Map<String, ParameterSpec> specMap = new LinkedHashMap<>();
    for (ParameterSpec spec : LlamaParameterNames.specs(config)) {
      NDArray a = parameters.get(spec.name());
      if (a == null) {
        throw new IllegalArgumentException("missing parameter " + spec.name());
      }
      if (!Arrays.equals(a.getShape().getShape(), spec.shape())) {
        throw new IllegalArgumentException(
            "parameter "
                + spec.name()
                + " has shape "
                + a.getShape()
                + ", config expects "
                + Arrays.toString(spec.shape()));
      }
      if (a.getDataType() != DataType.FLOAT32) {
        throw new IllegalArgumentException("parameter " + spec.name() + " must be float32");
      }
      ordered.put(spec.name(), a);
      specMap.put(spec.name(), spec);
    }
    this.parameters = Collections.unmodifiableMap(ordered);
    this.specs = Collections.unmodifiableMap(specMap);
    this.rope = new RotaryEmbedding(config, manager);
    this.embedTokens = ordered.get(LlamaParameterNames.EMBED_TOKENS);
    this.finalNorm = ordered.get(LlamaParameterNames.FINAL_NORM);
    this.lmHead =
        config.tieWordEmbeddings() ? embedTokens : ordered.get(LlamaParameterNames.LM_HEAD);
    this.layers = new Layer[config.numHiddenLayers()];
    for (int i = 0; i < layers.length; i++) {
      String p = LlamaParameterNames.layer(i);
      layers[i] =
          new Layer(
              ordered.get(p + "input_layernorm.weight"),
              ordered.get(p + "self_attn.q_proj.weight"),
              ordered.get(p + "self_attn.q_proj.bias"),
              ordered.get(p + "self_attn.k_proj.weight"),
              ordered.get(p + "self_attn.k_proj.bias"),
              ordered.get(p + "self_attn.v_proj.weight"),
              ordered.get(p + "self_attn.v_proj.bias"),
              ordered.get(p + "self_attn.o_proj.weight"),
              ordered.get(p + "self_attn.o_proj.bias"),
              ordered.get(p + "post_attention_layernorm.weight"),
              ordered.get(p + "mlp.gate_proj.weight"),
              ordered.get(p + "mlp.gate_proj.bias"),
              ordered.get(p + "mlp.up_proj.weight"),
              ordered.get(p + "mlp.up_proj.bias"),
              ordered.get(p + "mlp.down_proj.weight"),
              ordered.get(p + "mlp.down_proj.bias"));
    }
    this.attentionScale = (float) (1.0 / Math.sqrt(config.headDim()));
  }

  /**
   * A freshly initialised model as HF's {@code _init_weights} does it (normal(0, initializer_range)
   * for embeddings and projections, zero biases, unit norms), drawn from a Java RNG seeded with
   * {@code seed}: the same seed gives bit-identical weights on any engine or device.
   */
  public static LlamaModel initialize(LlamaConfig config, long seed, Device device) {
    NDManager manager = NDManager.newBaseManager(device);
    SplittableRandom random = new SplittableRandom(seed);
    Map<String, NDArray> params = new LinkedHashMap<>();
    for (ParameterSpec spec : LlamaParameterNames.specs(config)) {
      float[] values = new float[Math.toIntExact(spec.size())];
      switch (spec.kind()) {
        case EMBEDDING, LINEAR_WEIGHT -> {
          for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * config.initializerRange());
          }
        }
        case NORM_WEIGHT -> Arrays.fill(values, 1f);
        case BIAS -> {
          // zeros
        }
      }
      params.put(spec.name(), manager.create(values, new Shape(spec.shape())));
    }
    return new LlamaModel(config, params, manager);
  }

  /** The architecture. */
  public LlamaConfig config() {
    return config;
  }

  /** Parameters by HF name, in HF order (no {@code lm_head.weight} when tied). */
  public Map<String, NDArray> parameters() {
    return parameters;
  }

  /** Spec (shape, kind) of each parameter by HF name. */
  public Map<String, ParameterSpec> parameterSpecs() {
    return specs;
  }

  /**
   * The manager owning the parameters; use {@code manager().newSubManager()} for per-step arrays.
   */
  public NDManager manager() {
    return manager;
  }

  /** Device the parameters live on. */
  public Device device() {
    return manager.getDevice();
  }

  /** Number of scalar parameters. */
  public long parameterCount() {
    return LlamaParameterNames.count(config);
  }

  /**
   * Marks every parameter as requiring gradients (for training under a {@code GradientCollector})
   * or not (reference models, inference).
   */
  public void setTrainable(boolean trainable) {
    parameters.values().forEach(p -> p.setRequiresGradient(trainable));
  }

  /**
   * An independent copy of the weights (e.g. the frozen reference model of NPO/DPO/KL), not
   * trainable.
   */
  public LlamaModel copy() {
    NDManager copyManager = NDManager.newBaseManager(device());
    Map<String, NDArray> copies = new LinkedHashMap<>();
    parameters.forEach(
        (name, a) -> {
          NDArray detached = a.stopGradient();
          NDArray c = detached.duplicate();
          detached.close(); // the view lives in this model's manager; only the copy is kept
          c.attach(copyManager);
          copies.put(name, c);
        });
    return new LlamaModel(config, copies, copyManager);
  }

  /** Logits (B, T, V) for a batch of full sequences without padding, positions 0..T−1. */
  public NDArray forward(NDArray inputIds) {
    return forward(inputIds, null, null, null);
  }

  /**
   * Logits (B, T, V).
   *
   * @param inputIds (B, T) int64 token ids; every intermediate is created in their manager
   * @param attentionMask (B, S) 0/1 over all keys (cached ones first, S = past + T), or {@code
   *     null} for no padding; masked keys are invisible to every query, as in HF
   * @param positionIds (B, T) int64 RoPE positions, or {@code null} for past..past+T−1 (HF's
   *     default, also used for right-padded training batches); left-padded generation passes {@code
   *     cumsum(mask) − 1}
   * @param cache KV cache to read and extend, or {@code null}
   */
  public NDArray forward(
      NDArray inputIds, NDArray attentionMask, NDArray positionIds, KvCache cache) {
    NDManager m = inputIds.getManager();
    long batch = inputIds.getShape().get(0);
    long time = inputIds.getShape().get(1);
    int past = cache == null ? 0 : cache.length();
    long keysLength = past + time;
    NDArray positions =
        positionIds != null
            ? positionIds
            : m.arange(past, past + time, 1, DataType.INT64).reshape(1, time);
    NDList cosSin = rope.cosSin(positions);
    NDArray cos = cosSin.get(0);
    NDArray sin = cosSin.get(1);
    NDArray mask = additiveMask(m, attentionMask, past, (int) time, (int) keysLength);

    int heads = config.numAttentionHeads();
    int kvHeads = config.numKeyValueHeads();
    int hd = config.headDim();
    int groups = config.headsPerKeyValue();

    NDArray x =
        inputIds
            .getNDArrayInternal()
            .embedding(inputIds, embedTokens, SparseFormat.DENSE)
            .singletonOrThrow();
    for (int li = 0; li < layers.length; li++) {
      Layer l = layers[li];
      NDArray h = rmsNorm(x, l.inputNorm);
      NDArray q = linear(h, l.q, l.qBias).reshape(batch, time, heads, hd);
      NDArray k = linear(h, l.k, l.kBias).reshape(batch, time, kvHeads, hd);
      NDArray v = linear(h, l.v, l.vBias).reshape(batch, time, kvHeads, hd);
      q = rope.apply(q, cos, sin);
      k = rope.apply(k, cos, sin);
      // Query head j uses key/value head j / groups (HF repeat_kv): group the query heads instead
      // of copying K/V.
      NDArray qg = q.reshape(batch, time, kvHeads, groups, hd).transpose(0, 2, 3, 1, 4);
      NDArray kt = k.transpose(0, 2, 1, 3);
      NDArray vt = v.transpose(0, 2, 1, 3);
      if (cache != null) {
        NDList kv = cache.append(li, kt, vt);
        kt = kv.get(0);
        vt = kv.get(1);
      }
      NDArray scores =
          qg.matMul(kt.expandDims(2).transpose(0, 1, 2, 4, 3)).mul(Scalars.of(qg, attentionScale));
      if (mask != null) {
        scores = scores.add(mask);
      }
      NDArray context =
          scores
              .softmax(-1)
              .matMul(vt.expandDims(2))
              .transpose(0, 3, 1, 2, 4)
              .reshape(batch, time, (long) heads * hd);
      x = x.add(linear(context, l.o, l.oBias));
      NDArray h2 = rmsNorm(x, l.postNorm);
      NDArray gate = linear(h2, l.gate, l.gateBias);
      NDArray up = linear(h2, l.up, l.upBias);
      x = x.add(linear(Activation.sigmoid(gate).mul(gate).mul(up), l.down, l.downBias));
    }
    if (cache != null) {
      cache.advance((int) time);
    }
    return linear(rmsNorm(x, finalNorm), lmHead, null);
  }

  /**
   * (B or 1, 1, 1, T, S) additive mask: 0 where query t (absolute position past + t) may see key s
   * (s ≤ past + t and key s not padding), {@link #MASKED} elsewhere; {@code null} when nothing is
   * masked (one new token, no padding).
   */
  private static NDArray additiveMask(
      NDManager m, NDArray attentionMask, int past, int time, int keys) {
    NDArray causal = null;
    if (time > 1) {
      float[] c = new float[time * keys];
      for (int t = 0; t < time; t++) {
        for (int s = past + t + 1; s < keys; s++) {
          c[t * keys + s] = MASKED;
        }
      }
      causal = m.create(c, new Shape(1, 1, 1, time, keys));
    }
    if (attentionMask == null) {
      return causal;
    }
    long batch = attentionMask.getShape().get(0);
    NDArray padding =
        attentionMask
            .toType(DataType.FLOAT32, false)
            .neg()
            .add(1f)
            .mul(MASKED)
            .reshape(batch, 1, 1, 1, keys);
    return causal == null ? padding : padding.add(causal);
  }

  /** HF LlamaRMSNorm: {@code w · x / sqrt(mean(x²) + eps)} over the last axis. */
  private NDArray rmsNorm(NDArray x, NDArray weight) {
    NDArray rms =
        x.square().mean(new int[] {-1}, true).add(Scalars.of(x, config.rmsNormEps())).sqrt();
    return x.div(rms).mul(weight);
  }

  private static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
    return bias == null
        ? Linear.linear(x, weight).singletonOrThrow()
        : Linear.linear(x, weight, bias).singletonOrThrow();
  }

  /** Host copy of each parameter (HF name → row-major float32 values), in HF order. */
  public Map<String, float[]> toFloatArrays() {
    Map<String, float[]> out = new LinkedHashMap<>();
    parameters.forEach((name, a) -> out.put(name, a.toFloatArray()));
    return out;
  }

  /**
   * Names of the parameters AdamW decays (embeddings and projection matrices; not norms or biases).
   */
  public List<String> decayedParameterNames() {
    return specs.values().stream()
        .filter(s -> s.kind().decayed())
        .map(ParameterSpec::name)
        .toList();
  }

  @Override
  public void close() {
    manager.close();
  }
}
