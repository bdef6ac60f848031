package io.lethe.ml.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lethe.data.text.TextTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The architecture of a Llama-family causal LM as Hugging Face's {@code config.json} describes it,
 * so that any real Llama checkpoint loads by its config alone and a Lethe checkpoint opens in
 * {@code LlamaForCausalLM}.
 *
 * <p>Qwen2-style configs ({@code model_type: qwen2}) are the same architecture with a bias on q/k/v
 * but not on the output projection; {@link #attentionBias} and {@link #attentionOutputBias} express
 * both families.
 *
 * @param modelType {@code llama} or {@code qwen2}
 * @param vocabSize rows of the token embedding (and of the LM head)
 * @param hiddenSize model width d
 * @param intermediateSize width of the SwiGLU MLP
 * @param numHiddenLayers number of decoder layers N
 * @param numAttentionHeads query heads H
 * @param numKeyValueHeads key/value heads (grouped-query attention: H must be a multiple)
 * @param headDim width of one head (HF default d / H)
 * @param rmsNormEps epsilon of every RMSNorm
 * @param ropeTheta RoPE base
 * @param ropeScaling HF {@code rope_scaling} object or {@code null} (supported: default, linear,
 *     llama3)
 * @param maxPositionEmbeddings longest context the model was trained for
 * @param tieWordEmbeddings whether the LM head reuses the token embedding matrix
 * @param attentionBias bias on the q/k/v projections
 * @param attentionOutputBias bias on the attention output projection (Llama: = attentionBias;
 *     Qwen2: false)
 * @param mlpBias bias on the MLP projections
 * @param bosTokenId beginning-of-sequence id, or {@code null}
 * @param eosTokenIds end-of-sequence ids (HF accepts one id or a list)
 * @param padTokenId padding id, or {@code null} (then EOS pads, methods.md §0.2)
 * @param torchDtype dtype the weights are stored in ({@code float32} for Lethe checkpoints)
 * @param initializerRange standard deviation of the normal initialisation
 */
public record LlamaConfig(
    String modelType,
    int vocabSize,
    int hiddenSize,
    int intermediateSize,
    int numHiddenLayers,
    int numAttentionHeads,
    int numKeyValueHeads,
    int headDim,
    double rmsNormEps,
    double ropeTheta,
    Map<String, Object> ropeScaling,
    int maxPositionEmbeddings,
    boolean tieWordEmbeddings,
    boolean attentionBias,
    boolean attentionOutputBias,
    boolean mlpBias,
    Integer bosTokenId,
    List<Integer> eosTokenIds,
    Integer padTokenId,
    String torchDtype,
    double initializerRange) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public LlamaConfig {
    Objects.requireNonNull(modelType, "modelType");
    eosTokenIds = eosTokenIds == null ? List.of() : List.copyOf(eosTokenIds);
    ropeScaling = ropeScaling == null ? null : Map.copyOf(ropeScaling);
    require(vocabSize > 0, "vocab_size must be positive");
    require(
        hiddenSize > 0 && intermediateSize > 0,
        "hidden_size and intermediate_size must be positive");
    require(numHiddenLayers > 0, "num_hidden_layers must be positive");
    require(
        numAttentionHeads > 0 && numKeyValueHeads > 0 && numAttentionHeads % numKeyValueHeads == 0,
        "num_attention_heads ("
            + numAttentionHeads
            + ") must be a positive multiple of num_key_value_heads ("
            + numKeyValueHeads
            + ")");
    require(
        headDim > 0 && headDim % 2 == 0, "head_dim must be positive and even (RoPE rotates pairs)");
  }

  /**
   * Micro configuration for unit tests: d=64, 2 layers, 4 query heads over 2 key/value heads, MLP
   * 172, tied embeddings off. Runs a forward pass in milliseconds.
   */
  public static LlamaConfig micro(int vocabSize, int bosId, int eosId) {
    return preset(vocabSize, 64, 172, 2, 4, 2, 128, bosId, eosId);
  }

  /**
   * The default product model: d=256, 4 layers, 8 query heads over 4 key/value heads, MLP 688, 256
   * positions (≈4M parameters at a 2048-token vocabulary); trains in minutes on 2 CPU cores.
   */
  public static LlamaConfig tiny(int vocabSize, int bosId, int eosId) {
    return preset(vocabSize, 256, 688, 4, 8, 4, 256, bosId, eosId);
  }

  /** {@link #micro(int, int, int)} sized to {@code tokenizer}'s vocabulary and special tokens. */
  public static LlamaConfig micro(TextTokenizer tokenizer) {
    return micro(tokenizer.vocabSize(), tokenizer.bosId(), tokenizer.eosId());
  }

  /** {@link #tiny(int, int, int)} sized to {@code tokenizer}'s vocabulary and special tokens. */
  public static LlamaConfig tiny(TextTokenizer tokenizer) {
    return tiny(tokenizer.vocabSize(), tokenizer.bosId(), tokenizer.eosId());
  }

  private static LlamaConfig preset(
      int vocab, int d, int ffn, int layers, int heads, int kvHeads, int maxPos, int bos, int eos) {
    return new LlamaConfig(
        "llama",
        vocab,
        d,
        ffn,
        layers,
        heads,
        kvHeads,
        d / heads,
        1e-6,
        10000.0,
        null,
        maxPos,
        false,
        false,
        false,
        false,
        bos,
        List.of(eos),
        null,
        "float32",
        0.02);
  }

  /** Query heads served by one key/value head. */
  public int headsPerKeyValue() {
    return numAttentionHeads / numKeyValueHeads;
  }

  /**
   * First EOS id; the padding id when {@link #padTokenId} is absent (pad := eos, methods.md §0.2).
   */
  public int eosTokenId() {
    if (eosTokenIds.isEmpty()) {
      throw new IllegalStateException("config has no eos_token_id");
    }
    return eosTokenIds.get(0);
  }

  /** Id used to pad batches: {@code pad_token_id} if set, else the first EOS id. */
  public int padId() {
    return padTokenId != null ? padTokenId : eosTokenId();
  }

  /** Same configuration with another vocabulary size (presets take theirs from the tokenizer). */
  public LlamaConfig withVocabSize(int newVocabSize) {
    return new LlamaConfig(
        modelType,
        newVocabSize,
        hiddenSize,
        intermediateSize,
        numHiddenLayers,
        numAttentionHeads,
        numKeyValueHeads,
        headDim,
        rmsNormEps,
        ropeTheta,
        ropeScaling,
        maxPositionEmbeddings,
        tieWordEmbeddings,
        attentionBias,
        attentionOutputBias,
        mlpBias,
        bosTokenId,
        eosTokenIds,
        padTokenId,
        torchDtype,
        initializerRange);
  }

  /** Same configuration with the LM head tied to (or separate from) the token embedding. */
  public LlamaConfig withTiedEmbeddings(boolean tied) {
    return new LlamaConfig(
        modelType,
        vocabSize,
        hiddenSize,
        intermediateSize,
        numHiddenLayers,
        numAttentionHeads,
        numKeyValueHeads,
        headDim,
        rmsNormEps,
        ropeTheta,
        ropeScaling,
        maxPositionEmbeddings,
        tied,
        attentionBias,
        attentionOutputBias,
        mlpBias,
        bosTokenId,
        eosTokenIds,
        padTokenId,
        torchDtype,
        initializerRange);
  }

  /** Same configuration with Qwen2-style q/k/v biases (and no output-projection bias). */
  public LlamaConfig withQkvBias() {
    return new LlamaConfig(
        "qwen2",
        vocabSize,
        hiddenSize,
        intermediateSize,
        numHiddenLayers,
        numAttentionHeads,
        numKeyValueHeads,
        headDim,
        rmsNormEps,
        ropeTheta,
        ropeScaling,
        maxPositionEmbeddings,
        tieWordEmbeddings,
        true,
        false,
        mlpBias,
        bosTokenId,
        eosTokenIds,
        padTokenId,
        torchDtype,
        initializerRange);
  }

  /** Reads a Hugging Face {@code config.json}. */
  public static LlamaConfig read(Path configJson) throws IOException {
    return fromJson(JSON.readTree(configJson.toFile()));
  }

  /**
   * Parses a Hugging Face config; rejects architectures whose forward pass this model would get
   * wrong.
   */
  public static LlamaConfig fromJson(JsonNode n) {
    String modelType = n.path("model_type").asText("llama");
    if (!modelType.equals("llama") && !modelType.equals("qwen2") && !modelType.equals("mistral")) {
      throw new IllegalArgumentException(
          "unsupported model_type '"
              + modelType
              + "': only llama, qwen2 and mistral configs are Llama-family");
    }
    String act = n.path("hidden_act").asText("silu");
    if (!act.equals("silu")) {
      throw new IllegalArgumentException(
          "unsupported hidden_act '" + act + "': the Llama MLP is SwiGLU (silu)");
    }
    boolean slidingWindow =
        modelType.equals("qwen2")
            ? n.path("use_sliding_window").asBoolean(false)
            : modelType.equals("mistral")
                && !n.path("sliding_window").isNull()
                && !n.path("sliding_window").isMissingNode();
    if (slidingWindow) {
      throw new IllegalArgumentException(
          "sliding-window attention is not supported (full causal attention only)");
    }
    int hidden = requiredInt(n, "hidden_size");
    int heads = requiredInt(n, "num_attention_heads");
    int kvHeads =
        n.path("num_key_value_heads").isNumber() ? n.get("num_key_value_heads").asInt() : heads;
    int headDim = n.path("head_dim").isNumber() ? n.get("head_dim").asInt() : hidden / heads;
    boolean qwen = modelType.equals("qwen2");
    boolean attnBias = qwen || n.path("attention_bias").asBoolean(false);
    boolean outBias = !qwen && n.path("attention_bias").asBoolean(false);
    Map<String, Object> ropeScaling = null;
    if (n.hasNonNull("rope_scaling")) {
      ropeScaling = JSON.convertValue(n.get("rope_scaling"), Map.class);
    }
    LlamaConfig config =
        new LlamaConfig(
            modelType,
            requiredInt(n, "vocab_size"),
            hidden,
            requiredInt(n, "intermediate_size"),
            requiredInt(n, "num_hidden_layers"),
            heads,
            kvHeads,
            headDim,
            n.path("rms_norm_eps").asDouble(1e-6),
            n.path("rope_theta").asDouble(10000.0),
            ropeScaling,
            n.path("max_position_embeddings").asInt(2048),
            n.path("tie_word_embeddings").asBoolean(false),
            attnBias,
            outBias,
            n.path("mlp_bias").asBoolean(false),
            n.hasNonNull("bos_token_id") ? n.get("bos_token_id").asInt() : null,
            idList(n.get("eos_token_id")),
            n.hasNonNull("pad_token_id") ? n.get("pad_token_id").asInt() : null,
            n.path("torch_dtype").asText("float32"),
            n.path("initializer_range").asDouble(0.02));
    // fail at load, not at the first forward pass, on a RoPE variant this model does not implement
    RotaryEmbedding.inverseFrequencies(config);
    return config;
  }

  /**
   * The config as Hugging Face writes it for {@code LlamaForCausalLM} (or {@code
   * Qwen2ForCausalLM}), with the keys transformers needs to rebuild this exact architecture.
   */
  public ObjectNode toJson() {
    ObjectNode n = JSON.createObjectNode();
    ArrayNode arch = n.putArray("architectures");
    arch.add(
        switch (modelType) {
          case "qwen2" -> "Qwen2ForCausalLM";
          case "mistral" -> "MistralForCausalLM";
          default -> "LlamaForCausalLM";
        });
    n.put("model_type", modelType);
    n.put("hidden_act", "silu");
    n.put("hidden_size", hiddenSize);
    n.put("intermediate_size", intermediateSize);
    n.put("num_hidden_layers", numHiddenLayers);
    n.put("num_attention_heads", numAttentionHeads);
    n.put("num_key_value_heads", numKeyValueHeads);
    n.put("head_dim", headDim);
    n.put("rms_norm_eps", rmsNormEps);
    n.put("rope_theta", ropeTheta);
    if (ropeScaling == null) {
      n.putNull("rope_scaling");
    } else {
      n.set("rope_scaling", JSON.valueToTree(ropeScaling));
    }
    n.put("max_position_embeddings", maxPositionEmbeddings);
    n.put("vocab_size", vocabSize);
    n.put("tie_word_embeddings", tieWordEmbeddings);
    if (!modelType.equals("qwen2")) {
      n.put("attention_bias", attentionBias);
    }
    n.put("attention_dropout", 0.0);
    n.put("mlp_bias", mlpBias);
    if (bosTokenId != null) {
      n.put("bos_token_id", bosTokenId);
    }
    if (eosTokenIds.size() == 1) {
      n.put("eos_token_id", eosTokenIds.get(0));
    } else if (!eosTokenIds.isEmpty()) {
      ArrayNode eos = n.putArray("eos_token_id");
      eosTokenIds.forEach(eos::add);
    }
    if (padTokenId != null) {
      n.put("pad_token_id", padTokenId);
    }
    n.put("initializer_range", initializerRange);
    n.put("pretraining_tp", 1);
    n.put("use_cache", true);
    n.put("torch_dtype", torchDtype);
    return n;
  }

  /** Writes {@link #toJson()} to {@code configJson}. */
  public void write(Path configJson) throws IOException {
    Files.writeString(configJson, JSON.writeValueAsString(toJson()));
  }

  @Override
  public String toString() {
    try {
      return JSON.writeValueAsString(toJson());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int requiredInt(JsonNode n, String key) {
    if (!n.path(key).isNumber()) {
      throw new IllegalArgumentException("config.json lacks the integer '" + key + "'");
    }
    return n.get(key).asInt();
  }

  private static List<Integer> idList(JsonNode node) {
    List<Integer> ids = new ArrayList<>();
    if (node == null || node.isNull()) {
      return ids;
    }
    if (node.isArray()) {
      node.forEach(x -> ids.add(x.asInt()));
    } else {
      ids.add(node.asInt());
    }
    return ids;
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
