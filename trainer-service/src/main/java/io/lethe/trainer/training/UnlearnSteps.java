package io.lethe.trainer.training;

import io.lethe.data.encoding.ExampleEncoder;
import io.lethe.data.sampling.ForgetItemSampler;
import io.lethe.data.sampling.ForgetSample;
import io.lethe.ml.model.LlamaModel;
import io.lethe.ml.training.Objective;
import io.lethe.unlearning.BatchTensors;
import io.lethe.unlearning.CausalLmForward;
import io.lethe.unlearning.UnlearningBatch;
import io.lethe.unlearning.method.Forward;
import io.lethe.unlearning.method.LossTerms;
import io.lethe.unlearning.method.ModelRole;
import io.lethe.unlearning.method.UnlearningMethod;
import io.lethe.unlearning.method.UnlearningObjective;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * UNLEARN segments: an epoch is one pass over the forget set, each forget item expands to
 * closer-look's five-slot sample ({@link ForgetItemSampler}, methods.md §1.2), and each micro-batch
 * is scored by the method's objective {@code c_f·L_f + c_r·L_r} ({@link UnlearningObjective}), with
 * the frozen reference model where the method needs one (NPO, DPO, KL).
 */
public final class UnlearnSteps implements SegmentObjective {

  private final UnlearningObjective objective;
  private final ForgetItemSampler sampler;
  private final ExampleEncoder encoder;
  private final int maxLength;
  private final int microBatch;
  private final SampleOrder order;
  private final CausalLmForward reference;

  /**
   * @param objective the method with its loss hyperparameters
   * @param sampler the job's forget items with their retain partners and refusals
   * @param encoder the model family's §0.2 encoder
   * @param hyperparameters batch sizes and L
   * @param seed the job's seed (sample order)
   * @param referenceModel the frozen reference; required iff the method needs one
   */
  public UnlearnSteps(
      UnlearningObjective objective,
      ForgetItemSampler sampler,
      ExampleEncoder encoder,
      ResolvedHyperparameters hyperparameters,
      long seed,
      LlamaModel referenceModel) {
    this.objective = Objects.requireNonNull(objective, "objective");
    this.sampler = sampler;
    this.encoder = encoder;
    this.maxLength = hyperparameters.maxLength();
    this.microBatch = hyperparameters.microBatch();
    this.order = new SampleOrder(seed, sampler.size(), hyperparameters.effectiveBatch());
    if (objective.method().needsReference() && referenceModel == null) {
      throw new IllegalArgumentException(objective.method() + " needs a reference model");
    }
    this.reference =
        referenceModel == null
            ? null
            : (ids, mask) -> referenceModel.forward(ids, mask, null, null);
  }

  @Override
  public String methodName() {
    return objective.method().name();
  }

  @Override
  public List<String> terms() {
    return List.of(LossTerms.FORGET, LossTerms.RETAIN, LossTerms.TOTAL);
  }

  @Override
  public List<Objective> step(long step, StepTally tally) {
    List<Objective> objectives = new ArrayList<>();
    for (int[] micro : MicroBatches.split(order.step(step), microBatch)) {
      List<ForgetSample> samples = new ArrayList<>(micro.length);
      for (int i : micro) {
        samples.add(sampler.sample(i));
      }
      objectives.add(
          (model, manager) -> {
            UnlearningBatch batch = objective.encode(samples, encoder, maxLength, manager);
            LossTerms terms =
                objective.compute(
                    batch, (ids, mask) -> model.forward(ids, mask, null, null), reference);
            count(batch, objective.method(), terms, tally);
            return terms.total();
          });
    }
    return objectives;
  }

  /** Records the terms and what each model read: every forward of the method on its slot. */
  private static void count(
      UnlearningBatch batch, UnlearningMethod method, LossTerms terms, StepTally tally) {
    long realTokens = 0;
    long trained = 0;
    long referenced = 0;
    for (Forward f : method.forwards()) {
      BatchTensors t = batch.get(f.slot());
      long positions = (long) t.batchSize() * t.length();
      if (f.role() == ModelRole.TRAINED) {
        trained += positions;
        realTokens += t.attentionMask().sum().getLong();
      } else {
        referenced += positions;
      }
    }
    tally.add(terms.values(), realTokens, trained, referenced);
  }
}
