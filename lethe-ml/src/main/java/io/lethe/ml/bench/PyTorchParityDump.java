package io.lethe.ml.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lethe.data.encoding.EncodedExample;
import io.lethe.ml.checkpoint.CheckpointStore;
import io.lethe.ml.checkpoint.Lineage;
import io.lethe.ml.checkpoint.SafetensorsFile;
import io.lethe.ml.inference.Generation;
import io.lethe.ml.inference.GenerationConfig;
import io.lethe.ml.inference.Generator;
import io.lethe.ml.model.LlamaConfig;
import io.lethe.ml.model.LlamaModel;
import io.lethe.ml.model.TokenBatch;
import io.lethe.ml.training.AdamWConfig;
import io.lethe.ml.training.CausalLmLoss;
import io.lethe.ml.training.CausalLmTrainer;
import io.lethe.ml.training.LinearWarmupDecaySchedule;
import io.lethe.ml.training.StepResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes what the PyTorch eager peer ({@code benchmarks/pytorch/parity.py}) needs to prove that it
 * computes the same model, training step and generation as Lethe: the {@code tiny} model of {@link
 * TrainStepBenchmark} (same seed, same random batch) saved by {@link CheckpointStore}, the batches,
 * DJL's logits and losses, the results of a few {@code CausalLmTrainer.trainStep}s (loss, gradient
 * norm, the weights and AdamW moments after them) and greedy KV-cache generations from left-padded
 * prompts. Not a test; run with a plain java command line (see {@code benchmarks/pytorch/run.sh}).
 *
 * <p>Arguments: {@code outDir [batch seq vocab trainSteps learningRate]} (defaults: 16 128 2048 3
 * 1e-3).
 */
public final class PyTorchParityDump {

  private static final ObjectMapper JSON = new ObjectMapper();

  private PyTorchParityDump() {}

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args[0]);
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    int seq = args.length > 2 ? Integer.parseInt(args[2]) : 128;
    int vocab = args.length > 3 ? Integer.parseInt(args[3]) : 2048;
    int trainSteps = args.length > 4 ? Integer.parseInt(args[4]) : 3;
    double lr = args.length > 5 ? Double.parseDouble(args[5]) : 1e-3;
    Files.createDirectories(out);

    LlamaConfig config = LlamaConfig.tiny(vocab, 1, 2);
    ObjectNode root = JSON.createObjectNode();
    root.put("batch", batch).put("seq", seq).put("vocab", vocab).put("learning_rate", lr);
    root.put("max_grad_norm", 1.0);
    root.put("threads", System.getProperty("ai.djl.pytorch.num_threads", "default"));
    try (LlamaModel model = LlamaModel.initialize(config, 1234, Device.cpu())) {
      Path initial = out.resolve("step-0");
      CheckpointStore.save(
          initial,
          model,
          null,
          Lineage.of("pytorch-parity", 0, null, "INIT", Map.of("seed", 1234), Device.cpu()),
          null);

      // batch A: exactly TrainStepBenchmark's (seed 99, every position a target)
      List<EncodedExample> a = TrainStepBenchmark.randomBatch(batch, seq, vocab, 99);
      // batch B: ragged rows (right padding, ignored prompt labels), trimmed as meanNll trims
      List<EncodedExample> b = raggedBatch(Math.min(batch, 8), seq, vocab, 5);
      root.set("batch_a", examples(a));
      root.set("batch_b", examples(b));

      List<SafetensorsFile.Tensor> tensors = new ArrayList<>();
      try (NDManager m = model.manager().newSubManager()) {
        for (String name : new String[] {"a", "b"}) {
          TokenBatch tb = TokenBatch.of(name.equals("a") ? a : b, config.padId(), true, m);
          NDArray logits = model.forward(tb.inputIds(), tb.attentionMask(), null, null);
          root.put("loss_" + name, CausalLmLoss.meanNll(logits, tb).getFloat());
          root.set("seq_nll_" + name, floats(CausalLmLoss.sequenceNll(logits, tb).toFloatArray()));
          tensors.add(
              new SafetensorsFile.Tensor(
                  "logits_" + name, logits.getShape().getShape(), logits.toFloatArray()));
        }
      }

      // training: trainSteps steps on [A], then one step on B as two micro-batches
      CausalLmTrainer trainer =
          new CausalLmTrainer(
              model, AdamWConfig.defaults(), LinearWarmupDecaySchedule.constant(lr), 1.0);
      ArrayNode steps = root.putArray("steps");
      for (int i = 0; i <= trainSteps; i++) {
        StepResult r =
            i < trainSteps
                ? trainer.trainStep(List.of(a))
                : trainer.trainStep(
                    List.of(b.subList(0, b.size() / 2), b.subList(b.size() / 2, b.size())));
        ObjectNode s = steps.addObject();
        s.put("batch", i < trainSteps ? "a" : "b/2");
        s.put("loss", r.loss());
        s.set("micro_losses", doubles(r.microBatchLosses()));
        s.put("grad_norm", r.gradNorm());
        s.put("clipped", r.clipped());
        s.put("lr", r.learningRate());
        System.out.printf(
            Locale.ROOT,
            "DJL step %d: loss %.6f grad norm %.6f clipped %s%n",
            i + 1,
            r.loss(),
            r.gradNorm(),
            r.clipped());
      }
      CheckpointStore.save(
          out.resolve("step-" + (trainSteps + 1)),
          model,
          null,
          Lineage.of(
              "pytorch-parity", trainSteps + 1, null, "FINETUNE", Map.of("lr", lr), Device.cpu()),
          trainer.optimizer());
      root.put("trained_checkpoint", "step-" + (trainSteps + 1));

      // greedy KV-cache generation from left-padded prompts, EOS disabled, on the trained model
      model.setTrainable(false);
      int genBatch = 8;
      int newTokens = 24;
      SplittableRandom random = new SplittableRandom(7);
      List<int[]> prompts = new ArrayList<>();
      for (int i = 0; i < genBatch; i++) {
        int[] p = new int[12 + random.nextInt(9)];
        p[0] = 1;
        for (int t = 1; t < p.length; t++) {
          p[t] = 3 + random.nextInt(vocab - 3);
        }
        prompts.add(p);
      }
      GenerationConfig greedy = GenerationConfig.greedy(newTokens).withEosIds(Set.of(-1));
      List<Generation> cached = new Generator(model).generate(prompts, greedy);
      List<Generation> uncached = new Generator(model).generate(prompts, greedy.withKvCache(false));
      ArrayNode gen = root.putArray("generation");
      boolean same = true;
      for (int i = 0; i < genBatch; i++) {
        ObjectNode g = gen.addObject();
        g.set("prompt", ints(prompts.get(i)));
        g.set("tokens", ints(cached.get(i).tokens()));
        same &= Arrays.equals(cached.get(i).tokens(), uncached.get(i).tokens());
      }
      root.put("generation_new_tokens", newTokens);
      root.put("generation_cache_equals_no_cache", same);

      // one left-padded forward over prompt + continuation, positions cumsum(mask) − 1 as Generator
      int promptLength = prompts.stream().mapToInt(p -> p.length).max().orElseThrow();
      int total = promptLength + newTokens;
      long[] ids = new long[genBatch * total];
      long[] mask = new long[genBatch * total];
      long[] positions = new long[genBatch * total];
      for (int i = 0; i < genBatch; i++) {
        int[] p = prompts.get(i);
        int offset = promptLength - p.length;
        long seen = 0;
        for (int t = 0; t < total; t++) {
          boolean real = t >= offset;
          long id =
              !real
                  ? config.padId()
                  : t < promptLength ? p[t - offset] : cached.get(i).tokens()[t - promptLength];
          ids[i * total + t] = id;
          mask[i * total + t] = real ? 1 : 0;
          positions[i * total + t] = real ? seen : 1;
          seen += real ? 1 : 0;
        }
      }
      try (NDManager m = model.manager().newSubManager()) {
        NDArray logits =
            model.forward(
                m.create(ids, new Shape(genBatch, total)),
                m.create(mask, new Shape(genBatch, total)),
                m.create(positions, new Shape(genBatch, total)),
                null);
        tensors.add(
            new SafetensorsFile.Tensor(
                "logits_generated", logits.getShape().getShape(), logits.toFloatArray()));
      }
      SafetensorsFile.write(out.resolve("djl_outputs.safetensors"), tensors, Map.of());
    }
    root.put("load_average", MachineStats.loadAverage());
    JSON.writerWithDefaultPrettyPrinter().writeValue(out.resolve("parity.json").toFile(), root);
    System.out.println("wrote " + out.toAbsolutePath());
  }

  /** Rows of 60–100 % of {@code seq} tokens, the first 25–50 % of each a prompt without labels. */
  static List<EncodedExample> raggedBatch(int batch, int seq, int vocab, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<EncodedExample> out = new ArrayList<>();
    for (int i = 0; i < batch; i++) {
      int length = Math.max(4, (int) (seq * (0.6 + 0.4 * random.nextDouble())));
      int prompt = Math.max(1, (int) (length * (0.25 + 0.25 * random.nextDouble())));
      int[] ids = new int[length];
      int[] mask = new int[length];
      int[] labels = new int[length];
      for (int t = 0; t < length; t++) {
        ids[t] = t == 0 ? 1 : 3 + random.nextInt(vocab - 3);
        mask[t] = 1;
        labels[t] = t < prompt ? EncodedExample.IGNORE : ids[t];
      }
      out.add(new EncodedExample(ids, mask, labels));
    }
    return out;
  }

  private static ArrayNode examples(List<EncodedExample> examples) {
    ArrayNode rows = JSON.createArrayNode();
    for (EncodedExample e : examples) {
      ObjectNode row = rows.addObject();
      row.set("input_ids", ints(e.inputIds()));
      row.set("attention_mask", ints(e.attentionMask()));
      row.set("labels", ints(e.labels()));
    }
    return rows;
  }

  private static ArrayNode ints(int[] values) {
    ArrayNode a = JSON.createArrayNode();
    for (int v : values) {
      a.add(v);
    }
    return a;
  }

  private static ArrayNode floats(float[] values) {
    ArrayNode a = JSON.createArrayNode();
    for (float v : values) {
      a.add(v);
    }
    return a;
  }

  private static ArrayNode doubles(double[] values) {
    ArrayNode a = JSON.createArrayNode();
    for (double v : values) {
      a.add(v);
    }
    return a;
  }
}
