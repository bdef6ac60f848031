package io.lethe.unlearning.method;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.lethe.data.QaPair;
import io.lethe.data.encoding.ExampleEncoder;
import io.lethe.data.encoding.PromptTemplate;
import io.lethe.data.sampling.ForgetItemSampler;
import io.lethe.data.sampling.ForgetSample;
import io.lethe.ml.model.LlamaConfig;
import io.lethe.ml.model.LlamaModel;
import io.lethe.ml.training.AdamW;
import io.lethe.ml.training.AdamWConfig;
import io.lethe.ml.training.LinearWarmupDecaySchedule;
import io.lethe.ml.training.StepResult;
import io.lethe.ml.training.TrainStep;
import io.lethe.unlearning.CausalLmForward;
import io.lethe.unlearning.CharTokenizer;
import io.lethe.unlearning.UnlearningBatch;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Regression guard for DJL 0.35.1's scalar operands: {@code x.mul(0.5f)} wraps the number in a
 * Java-owned buffer that the GC frees while PyTorch autograd still holds it for the backward pass.
 * A real model trained through every loss of this module must end with bit-identical weights
 * whether or not the collector runs constantly; with a freed scalar the run reads garbage (NaN/∞ or
 * merely different gradients).
 */
class TrainingUnderGarbageCollectionTest {

  /** Methods that together exercise every loss (GA, NPO, DPO, ME, IDK, capped GA; GD, KL, AP). */
  private static final List<String> METHODS =
      List.of("NPO+KL", "DPO+GD", "ME+GD", "IDK+AP", "CAPPED_GA+GD", "LLMU");

  private static final int STEPS_PER_METHOD = 2;
  private static final int MAX_LENGTH = 40;

  private final ExampleEncoder encoder =
      new ExampleEncoder(new CharTokenizer(), PromptTemplate.LETHE);

  private final ForgetItemSampler sampler =
      new ForgetItemSampler(
          List.of(
              new QaPair("Who wrote Ivy?", "Ann Vey."),
              new QaPair("Where was Ann born?", "Oslo."),
              new QaPair("When did Ann die?", "In 1990.")),
          List.of(
              new QaPair("What is 2+2?", "Four."),
              new QaPair("Capital of Peru?", "Lima."),
              new QaPair("Color of sky?", "Blue.")),
          List.of("I don't know.", "No idea."));

  @Test
  void unlearningStepsAreBitIdenticalUnderGarbageCollectionPressure() throws InterruptedException {
    Map<String, float[]> quiet = train();
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
      pressured = train();
    } finally {
      running.set(false);
      collector.join();
    }
    assertThat(pressured.keySet()).isEqualTo(quiet.keySet());
    // compared without printing the arrays: a failure names the tensor and the first differing
    // element
    quiet.forEach(
        (name, w) ->
            assertThat(Arrays.mismatch(w, pressured.get(name)))
                .as("first element of %s that differs under GC pressure", name)
                .isEqualTo(-1));
  }

  /** Trains a fresh micro model through every method in turn and returns its weights. */
  private Map<String, float[]> train() {
    LlamaConfig config = LlamaConfig.micro(CharTokenizer.VOCAB, 1, 2);
    try (LlamaModel model = LlamaModel.initialize(config, 17, Device.cpu());
        LlamaModel reference = model.copy()) {
      CausalLmForward trained = (ids, mask) -> model.forward(ids, mask, null, null);
      CausalLmForward frozen = (ids, mask) -> reference.forward(ids, mask, null, null);
      TrainStep step =
          new TrainStep(
              model,
              new AdamW(model, AdamWConfig.defaults()),
              LinearWarmupDecaySchedule.constant(5e-3),
              0);
      int item = 0;
      for (String name : METHODS) {
        UnlearningMethod method = UnlearningMethod.parse(name);
        UnlearningObjective objective =
            new UnlearningObjective(method, MethodDefaults.of(method, Scenario.TOFU_FICTITIOUS));
        for (int s = 0; s < STEPS_PER_METHOD; s++) {
          List<ForgetSample> samples =
              List.of(sampler.sample(item++ % sampler.size()), sampler.sample(item % 3));
          StepResult result =
              step.run(
                  List.of(
                      (m, manager) -> {
                        UnlearningBatch batch =
                            objective.encode(samples, encoder, MAX_LENGTH, manager);
                        return objective.compute(batch, trained, frozen).total();
                      }));
          assertThat(result.nonFinite()).as("%s step %d: %s", name, s, result).isFalse();
        }
      }
      return model.toFloatArrays();
    }
  }
}
