package io.lethe.unlearning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lethe.data.QaPair;
import io.lethe.data.encoding.ExampleEncoder;
import io.lethe.data.encoding.PromptTemplate;
import io.lethe.data.sampling.ForgetItemSampler;
import io.lethe.data.sampling.ForgetSample;
import io.lethe.unlearning.method.LossTerms;
import io.lethe.unlearning.method.MethodDefaults;
import io.lethe.unlearning.method.Scenario;
import io.lethe.unlearning.method.UnlearningMethod;
import io.lethe.unlearning.method.UnlearningObjective;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UnlearningBatchTest extends NdTestSupport {

  private static final int MAX_LENGTH = 64;

  private final ExampleEncoder encoder =
      new ExampleEncoder(new CharTokenizer(), PromptTemplate.LETHE);

  private final ForgetItemSampler sampler =
      new ForgetItemSampler(
          List.of(
              new QaPair("Who wrote X?", "Ann Vey."), new QaPair("Where was Ann born?", "Oslo.")),
          List.of(
              new QaPair("What is 2+2?", "Four."),
              new QaPair("Capital of Peru?", "Lima."),
              new QaPair("Color of sky?", "Blue.")),
          List.of("I don't know.", "No idea."));

  private final List<ForgetSample> samples = List.of(sampler.sample(0), sampler.sample(1));

  @Test
  void meGdEncodesTheForgetSlotWithoutPromptMaskAndTheRetainSlotWithIt() {
    UnlearningObjective objective = objective("ME+GD");

    UnlearningBatch batch = objective.encode(samples, encoder, MAX_LENGTH, manager);

    assertThat(batch.slots()).containsExactlyInAnyOrder(Slot.FORGET, Slot.RETAIN);
    // mask=false: labels = input ids everywhere, padding included, so nothing is trimmed.
    BatchTensors forget = batch.get(Slot.FORGET);
    assertThat(forget.length()).isEqualTo(MAX_LENGTH);
    assertThat(forget.labels().toLongArray()).isEqualTo(forget.inputIds().toLongArray());
    // The retain slot masks its prompt: its first label is −100.
    assertThat(batch.get(Slot.RETAIN).labels().toLongArray()[0]).isEqualTo(-100L);
  }

  @Test
  void trimmingChangesNothingForLossesOverLabelledTokens() {
    UnlearningObjective objective = objective("DPO+GD");
    ToyBigramLm trained = ToyBigramLm.of(manager, randomTable(1), false);
    ToyBigramLm reference = ToyBigramLm.of(manager, randomTable(2), false);

    UnlearningBatch trimmed = objective.encode(samples, encoder, MAX_LENGTH, manager);
    UnlearningBatch full =
        UnlearningBatch.encode(
            samples, encoder, objective.method().slots(), true, MAX_LENGTH, false, manager);

    assertThat(trimmed.get(Slot.FORGET).length()).isLessThan(MAX_LENGTH);
    LossTerms a = objective.compute(trimmed, trained, reference);
    LossTerms b = objective.compute(full, trained, reference);
    assertThat(a.forget().getFloat()).isCloseTo(b.forget().getFloat(), within(1e-5f));
    assertThat(a.retain().getFloat()).isCloseTo(b.retain().getFloat(), within(1e-5f));
  }

  @Test
  void klMethodsKeepThePaddedLengthBecauseTheirValueDependsOnIt() {
    UnlearningObjective objective = objective("GA+KL");
    ToyBigramLm trained = ToyBigramLm.of(manager, randomTable(1), false);
    ToyBigramLm reference = ToyBigramLm.of(manager, randomTable(2), false);

    UnlearningBatch batch = objective.encode(samples, encoder, MAX_LENGTH, manager);
    UnlearningBatch trimmed =
        UnlearningBatch.encode(
            samples, encoder, objective.method().slots(), true, MAX_LENGTH, true, manager);

    assertThat(batch.get(Slot.RETAIN).length()).isEqualTo(MAX_LENGTH);
    float exact = objective.compute(batch, trained, reference).retain().getFloat();
    float wrong = objective.compute(trimmed, trained, reference).retain().getFloat();
    assertThat(exact).isNotCloseTo(wrong, within(1e-4f));
  }

  @Test
  void klMethodsTrimEverySlotButTheRetainSlotKlReadsAndComputeTheSameLoss() {
    UnlearningObjective objective = objective("NPO+KL");
    ToyBigramLm trained = ToyBigramLm.of(manager, randomTable(1), false);
    ToyBigramLm reference = ToyBigramLm.of(manager, randomTable(2), false);

    UnlearningBatch batch = objective.encode(samples, encoder, MAX_LENGTH, manager);
    UnlearningBatch full =
        UnlearningBatch.encode(
            samples, encoder, objective.method().slots(), true, MAX_LENGTH, false, manager);

    assertThat(batch.get(Slot.FORGET).length()).isLessThan(MAX_LENGTH);
    assertThat(batch.get(Slot.RETAIN).length()).isEqualTo(MAX_LENGTH);
    LossTerms a = objective.compute(batch, trained, reference);
    LossTerms b = objective.compute(full, trained, reference);
    assertThat(a.forget().getFloat()).isCloseTo(b.forget().getFloat(), within(1e-5f));
    assertThat(a.retain().getFloat()).isCloseTo(b.retain().getFloat(), within(1e-5f));
  }

  private static UnlearningObjective objective(String name) {
    UnlearningMethod method = UnlearningMethod.parse(name);
    return new UnlearningObjective(method, MethodDefaults.of(method, Scenario.TOFU_FICTITIOUS));
  }

  private static float[][] randomTable(long seed) {
    Random random = new Random(seed);
    float[][] table = new float[CharTokenizer.VOCAB][CharTokenizer.VOCAB];
    for (float[] row : table) {
      for (int v = 0; v < row.length; v++) {
        row[v] = (float) random.nextGaussian();
      }
    }
    return table;
  }
}
