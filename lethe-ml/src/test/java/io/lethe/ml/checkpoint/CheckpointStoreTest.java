package io.lethe.ml.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lethe.ml.TestModels;
import io.lethe.ml.model.LlamaConfig;
import io.lethe.ml.model.LlamaModel;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoint directories: HF layout, bit-exact round trip, hash verification, HF directories by
 * config.
 */
class CheckpointStoreTest {

  @TempDir Path root;

  private Checkpoint saveMicro(LlamaModel model, String job, long step) throws IOException {
    Path tokenizer = root.resolve("tokenizer.json");
    if (!Files.exists(tokenizer)) {
      Files.writeString(tokenizer, "{\"version\":\"1.0\",\"model\":{\"type\":\"BPE\"}}");
    }
    CheckpointStore store = new CheckpointStore(root.resolve("store"));
    Lineage lineage =
        Lineage.of(job, step, null, "FINETUNE", Map.of("lr", 1e-3, "seed", 7), Device.cpu());
    return store.save(model, tokenizer, lineage, null);
  }

  @Test
  void roundTripIsBitExactAndRecordsTheHash() throws IOException {
    try (LlamaModel model = LlamaModel.initialize(TestModels.micro(), 5, Device.cpu())) {
      Checkpoint saved = saveMicro(model, "job-1", 42);
      assertThat(saved.directory()).endsWith(Path.of("job-1", "step-00000042"));
      assertThat(saved.modelSha256())
          .hasSize(64)
          .isEqualTo(Sha256.of(saved.directory().resolve("model.safetensors")));
      assertThat(saved.lineage().modelSha256()).isEqualTo(saved.modelSha256());
      try (LoadedCheckpoint loaded =
          CheckpointStore.load(saved.directory(), saved.modelSha256(), Device.cpu())) {
        assertThat(loaded.model().config()).isEqualTo(model.config());
        Map<String, float[]> expected = model.toFloatArrays();
        Map<String, float[]> actual = loaded.model().toFloatArrays();
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((name, values) -> assertThat(actual.get(name)).as(name).isEqualTo(values));
        assertThat(loaded.tokenizerJson()).isNotNull();
        assertThat(loaded.checkpoint().lineage().jobId()).isEqualTo("job-1");
        assertThat(loaded.checkpoint().lineage().hyperparameters()).containsEntry("seed", 7);
        assertThat(loaded.checkpoint().lineage().environment())
            .containsKeys("java", "djl", "engine");
        try (NDManager m = NDManager.newBaseManager()) {
          var ids = m.create(new long[] {1, 8, 9, 10}, new Shape(1, 4));
          assertThat(loaded.model().forward(ids).toFloatArray())
              .isEqualTo(model.forward(ids).toFloatArray());
        }
        // re-saving the loaded weights reproduces the file byte for byte
        Checkpoint again = saveMicro(loaded.model(), "job-1", 43);
        assertThat(again.modelSha256()).isEqualTo(saved.modelSha256());
      }
    }
  }

  @Test
  void weightsFileHasHfNamesShapesDtypesAndHeader() throws IOException {
    LlamaConfig config = TestModels.micro();
    try (LlamaModel model = LlamaModel.initialize(config, 5, Device.cpu())) {
      Checkpoint saved = saveMicro(model, "job-hf", 1);
      byte[] bytes = Files.readAllBytes(saved.directory().resolve("model.safetensors"));
      long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
      JsonNode header =
          new ObjectMapper().readTree(new String(bytes, 8, (int) n, StandardCharsets.UTF_8));
      assertThat(header.get("__metadata__").get("format").asText()).isEqualTo("pt");
      Map<String, String> shapes = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> it = header.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getKey().equals("__metadata__")) {
          assertThat(e.getValue().get("dtype").asText()).as(e.getKey()).isEqualTo("F32");
          shapes.put(e.getKey(), e.getValue().get("shape").toString());
        }
      }
      List<String> expected = new ArrayList<>();
      expected.add("model.embed_tokens.weight=[97,64]");
      for (int i = 0; i < 2; i++) {
        String p = "model.layers." + i + ".";
        expected.add(p + "input_layernorm.weight=[64]");
        expected.add(p + "self_attn.q_proj.weight=[64,64]");
        expected.add(p + "self_attn.k_proj.weight=[32,64]");
        expected.add(p + "self_attn.v_proj.weight=[32,64]");
        expected.add(p + "self_attn.o_proj.weight=[64,64]");
        expected.add(p + "post_attention_layernorm.weight=[64]");
        expected.add(p + "mlp.gate_proj.weight=[172,64]");
        expected.add(p + "mlp.up_proj.weight=[172,64]");
        expected.add(p + "mlp.down_proj.weight=[64,172]");
      }
      expected.add("model.norm.weight=[64]");
      expected.add("lm_head.weight=[97,64]");
      List<String> actual = new ArrayList<>();
      shapes.forEach((k, v) -> actual.add(k + "=" + v));
      assertThat(actual).containsExactlyElementsOf(expected);

      JsonNode cfg = new ObjectMapper().readTree(saved.directory().resolve("config.json").toFile());
      assertThat(cfg.get("architectures").get(0).asText()).isEqualTo("LlamaForCausalLM");
      assertThat(cfg.get("model_type").asText()).isEqualTo("llama");
      assertThat(cfg.get("hidden_act").asText()).isEqualTo("silu");
      assertThat(cfg.get("num_key_value_heads").asInt()).isEqualTo(2);
      assertThat(cfg.get("torch_dtype").asText()).isEqualTo("float32");
      assertThat(cfg.get("eos_token_id").asInt()).isEqualTo(TestModels.EOS);
      assertThat(LlamaConfig.fromJson(cfg)).isEqualTo(config);
      assertThat(saved.directory().resolve("tokenizer.json")).exists();
      assertThat(saved.directory().resolve("lineage.json")).exists();
      try (var files = Files.list(saved.directory().getParent())) {
        assertThat(files.map(p -> p.getFileName().toString())).containsExactly("step-00000001");
      }
    }
  }

  @Test
  void tiedHeadIsOmittedAsSavePretrainedDoesAndStillLoads() throws IOException {
    LlamaConfig tied = TestModels.micro().withTiedEmbeddings(true);
    try (LlamaModel model = LlamaModel.initialize(tied, 5, Device.cpu())) {
      Checkpoint saved = saveMicro(model, "job-tied", 1);
      try (SafetensorsFile f =
          SafetensorsFile.open(saved.directory().resolve("model.safetensors"))) {
        assertThat(f.names())
            .doesNotContain("lm_head.weight")
            .contains("model.embed_tokens.weight");
      }
      try (LoadedCheckpoint loaded = CheckpointStore.load(saved.directory(), null, Device.cpu())) {
        assertThat(loaded.model().config().tieWordEmbeddings()).isTrue();
      }
    }
  }

  @Test
  void corruptedWeightsAreRefusedWithAClearError() throws IOException {
    try (LlamaModel model = LlamaModel.initialize(TestModels.micro(), 5, Device.cpu())) {
      Checkpoint saved = saveMicro(model, "job-c", 1);
      Path weights = saved.directory().resolve("model.safetensors");
      try (RandomAccessFile f = new RandomAccessFile(weights.toFile(), "rw")) {
        long pos = f.length() - 100;
        f.seek(pos);
        int b = f.read();
        f.seek(pos);
        f.write(b ^ 0x01);
      }
      assertThatThrownBy(
              () -> CheckpointStore.load(saved.directory(), saved.modelSha256(), Device.cpu()))
          .isInstanceOf(CheckpointIntegrityException.class)
          .hasMessageContaining("SHA-256")
          .hasMessageContaining(saved.modelSha256());
      // without an expected hash the lineage's recorded hash is the reference
      assertThatThrownBy(() -> CheckpointStore.load(saved.directory(), null, Device.cpu()))
          .isInstanceOf(CheckpointIntegrityException.class)
          .hasMessageContaining("lineage.json");
    }
  }

  @Test
  void aHashFromAnotherCheckpointIsRefused() throws IOException {
    try (LlamaModel model = LlamaModel.initialize(TestModels.micro(), 5, Device.cpu())) {
      Checkpoint saved = saveMicro(model, "job-w", 1);
      String other = "0".repeat(64);
      assertThatThrownBy(() -> CheckpointStore.load(saved.directory(), other, Device.cpu()))
          .isInstanceOfSatisfying(
              CheckpointIntegrityException.class,
              e -> {
                assertThat(e.expectedSha256()).isEqualTo(other);
                assertThat(e.actualSha256()).isEqualTo(saved.modelSha256());
              });
      assertThatThrownBy(() -> saveMicro(model, "job-w", 1))
          .isInstanceOf(FileAlreadyExistsException.class);
    }
  }

  @Test
  void loadsAShardedBfloat16HfDirectoryByConfigAlone() throws IOException {
    LlamaConfig config = TestModels.micro().withQkvBias();
    Path hf = Files.createDirectories(root.resolve("hf"));
    try (LlamaModel source = LlamaModel.initialize(config, 9, Device.cpu())) {
      Files.writeString(
          hf.resolve("config.json"),
          source.config().toJson().put("torch_dtype", "bfloat16").toString());
      List<SafetensorsFile.Tensor> first = new ArrayList<>();
      List<SafetensorsFile.Tensor> second = new ArrayList<>();
      StringBuilder map = new StringBuilder();
      int i = 0;
      for (var spec : source.parameterSpecs().values()) {
        boolean inFirst = i++ % 2 == 0;
        float[] v = source.parameters().get(spec.name()).toFloatArray();
        (inFirst ? first : second)
            .add(new SafetensorsFile.Tensor(spec.name(), spec.shape(), v, SafetensorsDType.BF16));
        map.append(map.length() == 0 ? "" : ",")
            .append('"')
            .append(spec.name())
            .append("\":\"")
            .append(
                inFirst ? "model-00001-of-00002.safetensors" : "model-00002-of-00002.safetensors")
            .append('"');
      }
      SafetensorsFile.write(hf.resolve("model-00001-of-00002.safetensors"), first, null);
      SafetensorsFile.write(hf.resolve("model-00002-of-00002.safetensors"), second, null);
      Files.writeString(
          hf.resolve(ShardedSafetensors.INDEX_FILE),
          "{\"metadata\":{},\"weight_map\":{" + map + "}}");

      try (LlamaModel loaded = ModelWeights.loadDirectory(hf, Device.cpu())) {
        assertThat(loaded.config().attentionBias()).isTrue();
        assertThat(loaded.config().attentionOutputBias()).isFalse();
        float[] original =
            source.parameters().get("model.layers.1.mlp.up_proj.weight").toFloatArray();
        float[] read = loaded.parameters().get("model.layers.1.mlp.up_proj.weight").toFloatArray();
        for (int k = 0; k < original.length; k++) {
          assertThat(read[k])
              .isEqualTo(HalfPrecision.bf16ToFloat(HalfPrecision.floatToBf16(original[k])));
        }
      }
    }
  }

  @Test
  void refusesCheckpointsWhoseTensorsDoNotFitTheConfig() throws IOException {
    Path hf = Files.createDirectories(root.resolve("bad"));
    try (LlamaModel model = LlamaModel.initialize(TestModels.micro(), 5, Device.cpu())) {
      ModelWeights.write(model, hf.resolve("model.safetensors"), SafetensorsDType.F32, Map.of());
      LlamaConfig wider = TestModels.micro().withVocabSize(98);
      wider.write(hf.resolve("config.json"));
      assertThatThrownBy(() -> ModelWeights.loadDirectory(hf, Device.cpu()))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("model.embed_tokens.weight");
    }
  }
}
