package io.lethe.unlearning.method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import io.lethe.unlearning.BatchTensors;
import io.lethe.unlearning.Fixtures;
import io.lethe.unlearning.NdTestSupport;
import io.lethe.unlearning.ReferenceMath;
import io.lethe.unlearning.Slot;
import io.lethe.unlearning.ToyBigramLm;
import io.lethe.unlearning.UnlearningBatch;
import io.lethe.unlearning.loss.LikelihoodCappedLoss;
import io.lethe.unlearning.loss.NextTokenNll;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnlearningObjectiveTest extends NdTestSupport {

  private static final double BETA = MethodDefaults.BETA;

  /** Trained bigram table (V = 5): row = current token, column = next-token logit. */
  private static final float[][] THETA = {
    {0.5f, -0.2f, 1.0f, 0.0f, 0.3f},
    {0.1f, 0.4f, -0.6f, 1.2f, 0.9f},
    {-1.0f, 0.0f, 0.8f, 0.2f, 0.2f},
    {0.7f, 0.3f, 0.6f, 1.5f, -0.4f},
    {0.0f, 1.1f, 0.4f, 0.9f, 0.2f}
  };

  /** Reference bigram table. */
  private static final float[][] REF = {
    {0.1f, 0.0f, 0.2f, 0.4f, 0.0f},
    {0.3f, -0.2f, 0.5f, 0.6f, 1.3f},
    {0.2f, 0.4f, 0.1f, -0.3f, 0.6f},
    {1.0f, -0.5f, 0.0f, 0.8f, 0.3f},
    {-0.2f, 0.6f, 0.9f, 0.1f, 0.5f}
  };

  /** The five slots: input ids, attention, labels (prompt = first two tokens, EOS id = 2). */
  private static final Map<Slot, long[][][]> SLOTS = new EnumMap<>(Slot.class);

  static {
    SLOTS.put(
        Slot.FORGET,
        new long[][][] {
          {{1, 3, 4, 2, 2}, {1, 4, 3, 3, 2}},
          {{1, 1, 1, 0, 0}, {1, 1, 1, 1, 0}},
          {{-100, -100, 4, 2, -100}, {-100, -100, 3, 3, 2}}
        });
    SLOTS.put(
        Slot.RETAIN,
        new long[][][] {
          {{1, 0, 3, 3, 2}, {1, 4, 0, 2, 2}},
          {{1, 1, 1, 1, 0}, {1, 1, 1, 0, 0}},
          {{-100, -100, 3, 3, 2}, {-100, -100, 0, 2, -100}}
        });
    SLOTS.put(
        Slot.FORGET_IDK,
        new long[][][] {
          {{1, 3, 0, 1, 2}, {1, 4, 0, 1, 2}},
          {{1, 1, 1, 1, 0}, {1, 1, 1, 1, 0}},
          {{-100, -100, 0, 1, 2}, {-100, -100, 0, 1, 2}}
        });
    SLOTS.put(
        Slot.RETAIN_IDK,
        new long[][][] {
          {{1, 0, 0, 1, 2}, {1, 4, 0, 1, 2}},
          {{1, 1, 1, 1, 0}, {1, 1, 1, 1, 0}},
          {{-100, -100, 0, 1, 2}, {-100, -100, 0, 1, 2}}
        });
    SLOTS.put(
        Slot.FORGET_MISMATCH,
        new long[][][] {
          {{1, 3, 3, 3, 2}, {1, 4, 0, 2, 2}},
          {{1, 1, 1, 1, 0}, {1, 1, 1, 0, 0}},
          {{-100, -100, 3, 3, 2}, {-100, -100, 0, 2, -100}}
        });
  }

  @Test
  void everyMethodComputesItsTermsOnTheRightSlotsWithOnlyTheForwardsItNeeds() {
    for (String name : allNames()) {
      UnlearningMethod method = UnlearningMethod.parse(name);
      MethodHyperparameters hp = hyperparameters(method);
      ToyBigramLm trained = ToyBigramLm.of(manager, THETA, true);
      ToyBigramLm reference = ToyBigramLm.of(manager, REF, false);

      LossTerms terms = new UnlearningObjective(method, hp).compute(batch(), trained, reference);

      double forget = expectedForget(method.forget(), hp);
      double retain = expectedRetain(method.regularizer());
      double total = hp.forgetCoeff() * forget + hp.retainCoeff() * retain;
      assertThat((double) terms.forget().getFloat()).as(name).isCloseTo(forget, within(1e-4));
      assertThat((double) terms.retain().getFloat()).as(name).isCloseTo(retain, within(1e-4));
      assertThat((double) terms.total().getFloat()).as(name).isCloseTo(total, within(1e-4));
      assertThat(trained.calls()).as(name).isEqualTo(method.trainedForwardCount());
      assertThat(reference.calls()).as(name).isEqualTo(method.referenceForwardCount());
      assertThat(terms.trainedForwards()).isEqualTo(trained.calls());
      assertThat(terms.referenceForwards()).isEqualTo(reference.calls());
    }
  }

  @Test
  void referenceForwardsRunWithoutGradientAndReceiveNone() {
    UnlearningMethod method = UnlearningMethod.parse("NPO+KL");
    ToyBigramLm trained = ToyBigramLm.of(manager, THETA, true);
    // Even a reference whose weights would accept a gradient must not get one.
    ToyBigramLm reference = ToyBigramLm.of(manager, REF, true);
    UnlearningObjective objective =
        new UnlearningObjective(method, MethodDefaults.of(method, Scenario.TOFU_FICTITIOUS));

    backward(() -> objective.compute(batch(), trained, reference).total());

    assertThat(trained.gradModeAtCall()).containsOnly(true).hasSize(2);
    assertThat(reference.gradModeAtCall()).containsOnly(false).hasSize(2);
    assertThat(reference.weights().getGradient().abs().sum().getFloat()).isZero();
    assertThat(trained.weights().getGradient().abs().sum().getFloat()).isPositive();
  }

  @Test
  void methodsWithoutAReferenceRunWithoutOne() {
    UnlearningMethod method = UnlearningMethod.parse("IDK+AP");
    UnlearningObjective objective =
        new UnlearningObjective(method, MethodDefaults.of(method, Scenario.TOFU_FICTITIOUS));

    LossTerms terms = objective.compute(batch(), ToyBigramLm.of(manager, THETA, false), null);

    assertThat(terms.referenceForwards()).isZero();
    assertThat(terms.values()).containsOnlyKeys("forget", "retain", "total");
  }

  @Test
  void methodsWithAReferenceRefuseToRunWithoutOne() {
    UnlearningMethod method = UnlearningMethod.parse("DPO");
    UnlearningObjective objective =
        new UnlearningObjective(method, MethodDefaults.of(method, Scenario.TOFU_FICTITIOUS));

    assertThatThrownBy(
            () -> objective.compute(batch(), ToyBigramLm.of(manager, THETA, false), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reference");
  }

  @Test
  void npoStartsAtTwoOverBetaLogTwoAndKlAtZeroWhenTheModelIsTheReference() {
    UnlearningMethod method = UnlearningMethod.parse("NPO+KL");
    UnlearningObjective objective =
        new UnlearningObjective(method, MethodDefaults.of(method, Scenario.TOFU_FICTITIOUS));

    LossTerms terms =
        objective.compute(
            batch(), ToyBigramLm.of(manager, THETA, false), ToyBigramLm.of(manager, THETA, false));

    assertThat((double) terms.forget().getFloat()).isCloseTo(2 / BETA * Math.log(2), within(1e-4));
    assertThat(terms.retain().getFloat()).isCloseTo(0f, within(1e-6f));
  }

  @Test
  void aGaStepRaisesTheForgetNll() {
    UnlearningMethod method = UnlearningMethod.parse("GA");
    ToyBigramLm trained = ToyBigramLm.of(manager, THETA, true);
    UnlearningObjective objective =
        new UnlearningObjective(method, MethodDefaults.of(method, Scenario.TOFU_FICTITIOUS));

    backward(() -> objective.compute(batch(), trained, null).total());

    BatchTensors forget = batch().get(Slot.FORGET);
    ToyBigramLm stepped = stepped(trained, 0.5f);
    float before = NextTokenNll.mean(forget.logitsOf(trained), forget.labels()).getFloat();
    float after = NextTokenNll.mean(forget.logitsOf(stepped), forget.labels()).getFloat();
    assertThat(after).isGreaterThan(before);
  }

  @Test
  void anMeStepRaisesThePredictiveEntropyOnTheForgetExample() {
    UnlearningMethod method = UnlearningMethod.parse("ME");
    ToyBigramLm trained = ToyBigramLm.of(manager, THETA, true);
    UnlearningObjective objective =
        new UnlearningObjective(method, MethodDefaults.of(method, Scenario.TOFU_FICTITIOUS));

    backward(() -> objective.compute(batch(), trained, null).total());

    BatchTensors forget = batch().get(Slot.FORGET);
    float before = meanEntropy(forget.logitsOf(trained), forget.labels());
    float after = meanEntropy(forget.logitsOf(stepped(trained, 5f)), forget.labels());
    assertThat(after).isGreaterThan(before);
  }

  @Test
  void cappedGaWithDefaultsIsOcrCe() {
    UnlearningMethod method = UnlearningMethod.parse("CAPPED_GA+GD");
    MethodHyperparameters hp = hyperparameters(method);
    ToyBigramLm trained = ToyBigramLm.of(manager, THETA, false);

    LossTerms terms = new UnlearningObjective(method, hp).compute(batch(), trained, null);

    BatchTensors forget = batch().get(Slot.FORGET);
    BatchTensors retain = batch().get(Slot.RETAIN);
    NDArray ocrCe =
        LikelihoodCappedLoss.withRetain(
            NextTokenNll.perSequence(forget.logitsOf(trained), forget.labels()),
            NextTokenNll.mean(retain.logitsOf(trained), retain.labels()),
            hp.capDelta(),
            MethodDefaults.CAP_RHO);
    assertThat(terms.total().getFloat()).isCloseTo(ocrCe.getFloat(), within(1e-6f));
    assertThat(terms.total().getFloat()).isPositive();
  }

  @Test
  void cappedGaStopsEveryUpdateOnceAllForgetNllsArePastTheCap() {
    UnlearningMethod method = UnlearningMethod.parse("CAPPED_GA+GD");
    MethodHyperparameters hp = withDelta(MethodDefaults.of(method, Scenario.TOFU_FICTITIOUS), 1e-3);
    ToyBigramLm trained = ToyBigramLm.of(manager, THETA, true);
    UnlearningObjective objective = new UnlearningObjective(method, hp);
    List<LossTerms> out = new ArrayList<>();

    float total =
        backward(
            () -> {
              LossTerms terms = objective.compute(batch(), trained, null);
              out.add(terms);
              return terms.total();
            });

    assertThat(total).isCloseTo(0f, within(1e-9f));
    assertThat(out.get(0).retain().getFloat()).isPositive(); // GD term exists but is switched off
    assertThat(trained.weights().getGradient().abs().sum().getFloat()).isZero();
  }

  // ---------------------------------------------------------------------------------------------

  private static List<String> allNames() {
    List<String> names = new ArrayList<>(UnlearningMethod.CLOSER_LOOK_NAMES);
    names.addAll(UnlearningMethod.CAPPED_NAMES);
    return names;
  }

  /** Defaults, with the cap placed between the two forget NLLs so capping is exercised. */
  private static MethodHyperparameters hyperparameters(UnlearningMethod method) {
    MethodHyperparameters hp = MethodDefaults.of(method, Scenario.TOFU_FICTITIOUS);
    double[] s = sequenceNll(THETA, Slot.FORGET);
    return withDelta(hp, (s[0] + s[1]) / 2);
  }

  private static MethodHyperparameters withDelta(MethodHyperparameters hp, double delta) {
    return new MethodHyperparameters(
        hp.forgetCoeff(),
        hp.retainCoeff(),
        hp.learningRate(),
        hp.maskForgetPrompt(),
        hp.beta(),
        hp.meForm(),
        hp.meIncludePadding(),
        delta);
  }

  private UnlearningBatch batch() {
    Map<Slot, BatchTensors> tensors = new EnumMap<>(Slot.class);
    SLOTS.forEach(
        (slot, arrays) ->
            tensors.put(
                slot,
                new BatchTensors(
                    Fixtures.ints(manager, arrays[0]),
                    Fixtures.ints(manager, arrays[1]),
                    Fixtures.ints(manager, arrays[2]))));
    return UnlearningBatch.of(tensors);
  }

  private ToyBigramLm stepped(ToyBigramLm model, float lr) {
    float[] w = model.weights().sub(model.weights().getGradient().mul(lr)).toFloatArray();
    float[][] table = new float[5][5];
    for (int i = 0; i < 5; i++) {
      System.arraycopy(w, i * 5, table[i], 0, 5);
    }
    return ToyBigramLm.of(manager, table, false);
  }

  private static float meanEntropy(NDArray logits, NDArray labels) {
    NDArray logP = NextTokenNll.shiftedLogProbs(logits);
    NDArray entropy = logP.exp().mul(logP).sum(new int[] {-1}).neg();
    NDArray m = NextTokenNll.targetMask(labels);
    return entropy.mul(m).sum().div(m.sum()).getFloat();
  }

  // --- expected values in plain double arithmetic (methods.md §1.3 table) -----------------------

  private static float[][][] logits(float[][] table, Slot slot) {
    return ToyBigramLm.hostLogits(table, SLOTS.get(slot)[0]);
  }

  private static long[][] labels(Slot slot) {
    return SLOTS.get(slot)[2];
  }

  private static double tokenMean(float[][] table, Slot slot) {
    return ReferenceMath.mean(logits(table, slot), labels(slot));
  }

  private static double[] sequenceNll(float[][] table, Slot slot) {
    return ReferenceMath.perSequence(logits(table, slot), labels(slot));
  }

  private static double expectedForget(ForgetTerm term, MethodHyperparameters hp) {
    switch (term) {
      case GA:
        return -tokenMean(THETA, Slot.FORGET);
      case NPO:
        {
          double[] t = sequenceNll(THETA, Slot.FORGET);
          double[] r = sequenceNll(REF, Slot.FORGET);
          return 2
              / BETA
              * ReferenceMath.average(
                  new double[] {
                    ReferenceMath.softplus(-BETA * (t[0] - r[0])),
                    ReferenceMath.softplus(-BETA * (t[1] - r[1]))
                  });
        }
      case DPO:
        {
          double[] tf = sequenceNll(THETA, Slot.FORGET);
          double[] ti = sequenceNll(THETA, Slot.FORGET_IDK);
          double[] rf = sequenceNll(REF, Slot.FORGET);
          double[] ri = sequenceNll(REF, Slot.FORGET_IDK);
          double[] losses = new double[2];
          for (int i = 0; i < 2; i++) {
            double h = (tf[i] - ti[i]) - (rf[i] - ri[i]);
            losses[i] = ReferenceMath.negLogSigmoid(BETA * h);
          }
          return 2 / BETA * ReferenceMath.average(losses);
        }
      case ME:
        {
          // KL(U‖p) over the labelled positions (padding has label −100 in this batch).
          float[][][] z = logits(THETA, Slot.FORGET);
          long[][] y = labels(Slot.FORGET);
          double sum = 0;
          int n = 0;
          for (int i = 0; i < 2; i++) {
            for (int t = 0; t < 4; t++) {
              if (y[i][t + 1] != ReferenceMath.IGNORE) {
                double[] lp = ReferenceMath.logSoftmax(z[i][t]);
                double kl = 0;
                for (double v : lp) {
                  kl += (Math.log(1.0 / 5) - Math.log(Math.exp(v) + 1e-12)) / 5;
                }
                sum += kl;
                n++;
              }
            }
          }
          return sum / n;
        }
      case IDK:
        return tokenMean(THETA, Slot.FORGET_IDK);
      case CAPPED_GA:
        {
          double[] s = sequenceNll(THETA, Slot.FORGET);
          double sum = 0;
          int under = 0;
          for (double si : s) {
            if (si < hp.capDelta()) {
              sum += hp.capDelta() - si;
              under++;
            }
          }
          return under == 0 ? 0 : sum / under;
        }
      default:
        throw new AssertionError(term);
    }
  }

  private static double expectedRetain(Regularizer regularizer) {
    switch (regularizer) {
      case NONE:
        return 0;
      case GD:
        return tokenMean(THETA, Slot.RETAIN);
      case KL:
        return retainKl();
      case AP:
        {
          double[] idk = sequenceNll(THETA, Slot.RETAIN_IDK);
          double[] ans = sequenceNll(THETA, Slot.RETAIN);
          return 1
              / BETA
              * ReferenceMath.average(
                  new double[] {
                    ReferenceMath.softplus(-BETA * (idk[0] - ans[0])),
                    ReferenceMath.softplus(-BETA * (idk[1] - ans[1]))
                  });
        }
      case MISMATCH_KL:
        return tokenMean(THETA, Slot.FORGET_MISMATCH) + retainKl();
      default:
        throw new AssertionError(regularizer);
    }
  }

  /** KL(ref‖θ) over all B·L positions of the retain slot, divided by B·L. */
  private static double retainKl() {
    float[][][] theta = logits(THETA, Slot.RETAIN);
    float[][][] ref = logits(REF, Slot.RETAIN);
    double sum = 0;
    for (int i = 0; i < 2; i++) {
      for (int t = 0; t < 5; t++) {
        double[] lt = ReferenceMath.logSoftmax(theta[i][t]);
        double[] lr = ReferenceMath.logSoftmax(ref[i][t]);
        for (int v = 0; v < 5; v++) {
          sum += Math.exp(lr[v]) * (lr[v] - lt[v]);
        }
      }
    }
    return sum / 10;
  }
}
