package io.lethe.unlearning.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.lethe.data.encoding.ExampleEncoder;
import io.lethe.data.sampling.ForgetSample;
import io.lethe.ml.model.Scalars;
import io.lethe.unlearning.BatchTensors;
import io.lethe.unlearning.CausalLmForward;
import io.lethe.unlearning.NoGradient;
import io.lethe.unlearning.Slot;
import io.lethe.unlearning.UnlearningBatch;
import io.lethe.unlearning.loss.AnswerPreservationLoss;
import io.lethe.unlearning.loss.DpoLoss;
import io.lethe.unlearning.loss.GradientAscentLoss;
import io.lethe.unlearning.loss.GradientDescentLoss;
import io.lethe.unlearning.loss.IdkLoss;
import io.lethe.unlearning.loss.LikelihoodCappedLoss;
import io.lethe.unlearning.loss.MaximumEntropyLoss;
import io.lethe.unlearning.loss.NextTokenNll;
import io.lethe.unlearning.loss.NpoLoss;
import io.lethe.unlearning.loss.RetainKlLoss;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The loss of one unlearning step, {@code L = c_f·L_f + c_r·L_r} (methods.md §1.3, sail-sg {@code
 * trainer.py}; §2.3 for capped GA), computed from a five-slot batch with only the forward passes
 * the method needs: each (model, slot) pair is forwarded at most once, and the frozen reference
 * model is forwarded with gradient recording off and its logits detached, exactly like the code's
 * {@code with torch.no_grad()} block.
 *
 * <p>Not thread-safe per step, like the DJL training it serves; the instance itself is immutable.
 */
public final class UnlearningObjective {

  private final UnlearningMethod method;
  private final MethodHyperparameters hyperparameters;

  /** The objective of {@code method} with {@code hyperparameters}. */
  public UnlearningObjective(UnlearningMethod method, MethodHyperparameters hyperparameters) {
    this.method = Objects.requireNonNull(method, "method");
    this.hyperparameters = Objects.requireNonNull(hyperparameters, "hyperparameters");
  }

  /** The method. */
  public UnlearningMethod method() {
    return method;
  }

  /** The hyperparameters. */
  public MethodHyperparameters hyperparameters() {
    return hyperparameters;
  }

  /**
   * Encodes {@code samples} into the slots this method reads, the forget slot with the prompt mask
   * of the hyperparameters, trimming trailing padding from every slot whose losses it cannot change
   * (all but KL's retain slot).
   *
   * @param maxLength encoded length L (500 in closer-look)
   */
  public UnlearningBatch encode(
      List<ForgetSample> samples, ExampleEncoder encoder, int maxLength, NDManager manager) {
    return UnlearningBatch.encode(
        samples,
        encoder,
        method.slots(),
        hyperparameters.maskForgetPrompt(),
        maxLength,
        method.untrimmedSlots(),
        manager);
  }

  /**
   * The loss terms of {@code batch}.
   *
   * @param trained the model being unlearned; call inside the step's gradient collector
   * @param reference the frozen reference model; may be null when {@link
   *     UnlearningMethod#needsReference()} is false
   */
  public LossTerms compute(
      UnlearningBatch batch, CausalLmForward trained, CausalLmForward reference) {
    Objects.requireNonNull(trained, "trained");
    if (method.needsReference() && reference == null) {
      throw new IllegalArgumentException(method + " needs a reference model");
    }
    StepForwards f = new StepForwards(batch, trained, reference);
    double beta = hyperparameters.beta();

    NDArray forget =
        switch (method.forget()) {
          case GA -> GradientAscentLoss.of(f.trained(Slot.FORGET), f.labels(Slot.FORGET));
          case NPO -> NpoLoss.of(f.trainedNll(Slot.FORGET), f.referenceNll(Slot.FORGET), beta);
          case DPO ->
              DpoLoss.of(
                  f.trainedNll(Slot.FORGET),
                  f.trainedNll(Slot.FORGET_IDK),
                  f.referenceNll(Slot.FORGET),
                  f.referenceNll(Slot.FORGET_IDK),
                  beta);
          case ME ->
              MaximumEntropyLoss.of(
                  f.trained(Slot.FORGET),
                  f.labels(Slot.FORGET),
                  batch.get(Slot.FORGET).attentionMask(),
                  hyperparameters.meForm(),
                  hyperparameters.meIncludePadding());
          case IDK -> IdkLoss.of(f.trained(Slot.FORGET_IDK), f.labels(Slot.FORGET_IDK));
          case CAPPED_GA ->
              LikelihoodCappedLoss.onlyForget(
                  f.trainedNll(Slot.FORGET), hyperparameters.capDelta());
        };

    NDArray retain =
        switch (method.regularizer()) {
          case NONE -> Scalars.of(forget, 0);
          case GD -> GradientDescentLoss.of(f.trained(Slot.RETAIN), f.labels(Slot.RETAIN));
          case KL -> RetainKlLoss.of(f.trained(Slot.RETAIN), f.reference(Slot.RETAIN));
          case AP ->
              AnswerPreservationLoss.of(
                  f.trainedNll(Slot.RETAIN_IDK), f.trainedNll(Slot.RETAIN), beta);
          case MISMATCH_KL ->
              GradientDescentLoss.of(
                      f.trained(Slot.FORGET_MISMATCH), f.labels(Slot.FORGET_MISMATCH))
                  .add(RetainKlLoss.of(f.trained(Slot.RETAIN), f.reference(Slot.RETAIN)));
        };

    NDArray total =
        forget
            .mul(Scalars.of(forget, hyperparameters.forgetCoeff()))
            .add(retain.mul(Scalars.of(retain, hyperparameters.retainCoeff())));
    if (method.forget() == ForgetTerm.CAPPED_GA) {
      // ocr_ce: once every forget sample is past the cap the whole update is 0·(…), retain
      // included.
      total =
          total.mul(
              LikelihoodCappedLoss.anyUnderCap(
                  f.trainedNll(Slot.FORGET), hyperparameters.capDelta()));
    }
    return new LossTerms(forget, retain, total, f.trainedCalls, f.referenceCalls);
  }

  /** The logits of one step, each (model, slot) forwarded at most once. */
  private static final class StepForwards {
    private final UnlearningBatch batch;
    private final CausalLmForward trainedModel;
    private final CausalLmForward referenceModel;
    private final Map<Slot, NDArray> trainedLogits = new EnumMap<>(Slot.class);
    private final Map<Slot, NDArray> referenceLogits = new EnumMap<>(Slot.class);
    private final Map<Slot, NDArray> trainedNll = new EnumMap<>(Slot.class);
    private final Map<Slot, NDArray> referenceNll = new EnumMap<>(Slot.class);
    private int trainedCalls;
    private int referenceCalls;

    StepForwards(UnlearningBatch batch, CausalLmForward trained, CausalLmForward reference) {
      this.batch = batch;
      this.trainedModel = trained;
      this.referenceModel = reference;
    }

    NDArray labels(Slot slot) {
      return batch.get(slot).labels();
    }

    NDArray trained(Slot slot) {
      return trainedLogits.computeIfAbsent(
          slot,
          s -> {
            trainedCalls++;
            return batch.get(s).logitsOf(trainedModel);
          });
    }

    NDArray reference(Slot slot) {
      return referenceLogits.computeIfAbsent(
          slot,
          s -> {
            referenceCalls++;
            BatchTensors tensors = batch.get(s);
            try (NoGradient ignored = NoGradient.open()) {
              return tensors.logitsOf(referenceModel).stopGradient();
            }
          });
    }

    /** S_θ of the slot's labelled tokens. */
    NDArray trainedNll(Slot slot) {
      return trainedNll.computeIfAbsent(slot, s -> NextTokenNll.perSequence(trained(s), labels(s)));
    }

    /** S_ref of the slot's labelled tokens. */
    NDArray referenceNll(Slot slot) {
      return referenceNll.computeIfAbsent(
          slot, s -> NextTokenNll.perSequence(reference(s), labels(s)));
    }
  }
}
