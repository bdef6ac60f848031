package io.lethe.ml.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.lethe.data.encoding.EncodedExample;
import io.lethe.ml.TestModels;
import io.lethe.ml.checkpoint.Checkpoint;
import io.lethe.ml.checkpoint.CheckpointStore;
import io.lethe.ml.checkpoint.Lineage;
import io.lethe.ml.checkpoint.LoadedCheckpoint;
import io.lethe.ml.model.LlamaModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end training: overfitting, determinism, exact resume, accumulation and GC safety. */
class CausalLmTrainerTest {

  @TempDir Path dir;

  private static final AdamWConfig ADAMW = AdamWConfig.defaults();

  /**
   * Four question/answer-like sequences encoded as §0.2 (prompt of 3 tokens masked, EOS target,
   * padding to 16).
   */
  static List<EncodedExample> examples() {
    List<EncodedExample> out = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      int[] ids = TestModels.randomIds(8 + i, 100 + i);
      ids[0] = TestModels.BOS;
      int length = 16;
      int[] input = Arrays.copyOf(ids, length);
      int[] mask = new int[length];
      int[] labels = new int[length];
      Arrays.fill(labels, EncodedExample.IGNORE);
      for (int t = 0; t < length; t++) {
        if (t < ids.length) {
          mask[t] = 1;
          labels[t] = t < 3 ? EncodedExample.IGNORE : ids[t];
        } else {
          input[t] = TestModels.EOS;
        }
      }
      labels[ids.length] = TestModels.EOS;
      out.add(new EncodedExample(input, mask, labels));
    }
    return out;
  }

  @Test
  void microModelOverfitsAHandfulOfSequences() {
    try (LlamaModel model = LlamaModel.initialize(TestModels.micro(), 1, Device.cpu())) {
      CausalLmTrainer trainer =
          new CausalLmTrainer(model, ADAMW, new LinearWarmupDecaySchedule(3e-3, 5, 80), 1.0);
      List<EncodedExample> data = examples();
      int arraysBefore = model.manager().getManagedArrays().size();
      StepResult first = trainer.trainStep(data, 2);
      int arraysAfterFirst = model.manager().getManagedArrays().size();
      StepResult last = first;
      for (int s = 1; s < 80; s++) {
        last = trainer.trainStep(data, 2);
        assertThat(last.nonFinite()).as("step %d: %s", s, last).isFalse();
      }
      assertThat(first.loss()).isGreaterThan(Math.log(TestModels.VOCAB) - 0.5);
      assertThat(first.microBatchLosses()).hasSize(2);
      assertThat(first.gradNorm()).isPositive();
      assertThat(last.step()).isEqualTo(80);
      assertThat(last.loss()).isLessThan(0.1 * first.loss());
      // per-step arrays never pile up in the model's manager
      assertThat(model.manager().getManagedArrays().size()).isEqualTo(arraysAfterFirst);
      assertThat(arraysAfterFirst - arraysBefore).isLessThanOrEqualTo(1);
    }
  }

  @Test
  void sameSeedGivesBitIdenticalWeightsAfterTraining() {
    Map<String, float[]> a = trainFresh(7, 3);
    Map<String, float[]> b = trainFresh(7, 3);
    a.forEach((name, w) -> assertThat(b.get(name)).as(name).isEqualTo(w));
    Map<String, float[]> c = trainFresh(8, 3);
    assertThat(c.get("lm_head.weight")).isNotEqualTo(a.get("lm_head.weight"));
  }

  @Test
  void gradientsStayExactUnderGarbageCollectionPressure() throws InterruptedException {
    // Regression: scalar operands made by DJL's mul(Number)/div(Number) live in Java buffers that
    // the GC frees while
    // PyTorch still holds them for backward; with them, this run diverged (and produced NaN/∞
    // gradients).
    Map<String, float[]> quiet = trainFresh(11, 6);
    AtomicBoolean running = new AtomicBoolean(true);
    Thread collector =
        new Thread(
            () -> {
              while (running.get()) {
                System.gc();
                LockSupport.parkNanos(1_000_000);
              }
            });
    collector.setDaemon(true);
    collector.start();
    Map<String, float[]> pressured;
    try {
      pressured = trainFresh(11, 6);
    } finally {
      running.set(false);
      collector.join();
    }
    quiet.forEach((name, w) -> assertThat(pressured.get(name)).as(name).isEqualTo(w));
  }

  private static Map<String, float[]> trainFresh(long seed, int steps) {
    try (LlamaModel model = LlamaModel.initialize(TestModels.micro(), seed, Device.cpu())) {
      CausalLmTrainer trainer =
          new CausalLmTrainer(model, ADAMW, new LinearWarmupDecaySchedule(1e-3, 1, 10), 0);
      for (int s = 0; s < steps; s++) {
        trainer.trainStep(examples(), 2);
      }
      return model.toFloatArrays();
    }
  }

  @Test
  void resumingFromACheckpointIsBitIdenticalToAnUninterruptedRun() throws IOException {
    LinearWarmupDecaySchedule schedule = new LinearWarmupDecaySchedule(2e-3, 2, 6);
    Map<String, float[]> straight;
    try (LlamaModel model = LlamaModel.initialize(TestModels.micro(), 3, Device.cpu())) {
      CausalLmTrainer trainer = new CausalLmTrainer(model, ADAMW, schedule, 1.0);
      for (int s = 0; s < 4; s++) {
        trainer.trainStep(examples(), 2);
      }
      straight = model.toFloatArrays();
    }
    Checkpoint halfway;
    try (LlamaModel model = LlamaModel.initialize(TestModels.micro(), 3, Device.cpu())) {
      CausalLmTrainer trainer = new CausalLmTrainer(model, ADAMW, schedule, 1.0);
      trainer.trainStep(examples(), 2);
      trainer.trainStep(examples(), 2);
      Lineage lineage = Lineage.of("resume", 2, null, "FINETUNE", Map.of(), Device.cpu());
      halfway = new CheckpointStore(dir).save(model, null, lineage, trainer.optimizer());
    }
    try (LoadedCheckpoint loaded =
        CheckpointStore.load(halfway.directory(), halfway.modelSha256(), Device.cpu())) {
      CausalLmTrainer trainer = new CausalLmTrainer(loaded.model(), ADAMW, schedule, 1.0);
      CheckpointStore.loadOptimizerState(halfway.directory(), trainer.optimizer());
      assertThat(trainer.optimizer().stepCount()).isEqualTo(2);
      trainer.trainStep(examples(), 2);
      StepResult fourth = trainer.trainStep(examples(), 2);
      assertThat(fourth.step()).isEqualTo(4);
      Map<String, float[]> resumed = loaded.model().toFloatArrays();
      straight.forEach((name, w) -> assertThat(resumed.get(name)).as(name).isEqualTo(w));
    }
  }

  @Test
  void accumulatingTwoEqualMicroBatchesEqualsOneBatchOfBoth() {
    List<EncodedExample> data = examples().subList(0, 2);
    // same number of answer targets in both micro-batches ⇒ mean of means = mean over the union
    List<EncodedExample> equalCounts = List.of(data.get(0), data.get(0));
    Map<String, float[]> accumulated;
    Map<String, float[]> single;
    try (LlamaModel model = LlamaModel.initialize(TestModels.micro(), 5, Device.cpu())) {
      new CausalLmTrainer(model, ADAMW, LinearWarmupDecaySchedule.constant(1e-3), 0)
          .trainStep(equalCounts, 1);
      accumulated = model.toFloatArrays();
    }
    try (LlamaModel model = LlamaModel.initialize(TestModels.micro(), 5, Device.cpu())) {
      new CausalLmTrainer(model, ADAMW, LinearWarmupDecaySchedule.constant(1e-3), 0)
          .trainStep(equalCounts, 2);
      single = model.toFloatArrays();
    }
    float[] a = accumulated.get("model.layers.0.mlp.up_proj.weight");
    float[] s = single.get("model.layers.0.mlp.up_proj.weight");
    for (int i = 0; i < a.length; i++) {
      assertThat(a[i]).isCloseTo(s[i], org.assertj.core.api.Assertions.within(1e-6f));
    }
  }
}
