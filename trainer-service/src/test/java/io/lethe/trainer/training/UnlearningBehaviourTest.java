package io.lethe.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.data.QaItem;
import io.lethe.data.sampling.ForgetItemSampler;
import io.lethe.data.sampling.ForgetSample;
import io.lethe.ml.model.LlamaModel;
import io.lethe.ml.training.AdamW;
import io.lethe.ml.training.AdamWConfig;
import io.lethe.ml.training.LinearWarmupDecaySchedule;
import io.lethe.schemas.domain.Hyperparameters;
import io.lethe.unlearning.method.UnlearningMethod;
import io.lethe.unlearning.method.UnlearningObjective;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The papers' qualitative claims (methods.md §7) at micro scale: a micro model that has learned 4
 * fictitious authors × 4 questions is unlearned with each method for the same number of steps at
 * the same learning rate and seed, and the methods are compared on what their papers say they do.
 * (The papers' lr 1e−5 is for 7B models; a 0.3M-parameter model needs 1e−3 to move in 10 steps.)
 */
class UnlearningBehaviourTest {

  private static final double LEARNING_RATE = 1e-3;
  private static final int STEPS = 10;

  private static MicroWorld world;
  private static List<QaItem> forget;
  private static List<QaItem> retain;

  @BeforeAll
  static void learnTheData() {
    world = MicroWorld.get();
    forget = world.benchmark().forget();
    retain = world.benchmark().retain();
    // the comparisons below are only meaningful on a model that knows the facts
    assertThat(world.meanNll(world.finetuned(), forget)).isLessThan(0.1);
    assertThat(world.meanNll(world.finetuned(), retain)).isLessThan(0.1);
  }

  @Test
  void gaRaisesForgetNllFasterThanGaGdAndCollapsesRetainNllMore() {
    double forgetBefore = world.meanNll(world.finetuned(), forget);
    double retainBefore = world.meanNll(world.finetuned(), retain);
    try (LlamaModel ga = unlearn("GA");
        LlamaModel gaGd = unlearn("GA+GD")) {
      double forgetGa = world.meanNll(ga, forget);
      double forgetGaGd = world.meanNll(gaGd, forget);
      double retainGa = world.meanNll(ga, retain);
      double retainGaGd = world.meanNll(gaGd, retain);

      assertThat(forgetGaGd).as("GA+GD still unlearns").isGreaterThan(forgetBefore + 1);
      assertThat(forgetGa).as("forget NLL: GA vs GA+GD").isGreaterThan(forgetGaGd);
      assertThat(retainGa).as("retain NLL: GA vs GA+GD").isGreaterThan(retainGaGd);
      assertThat(retainGa).as("GA collapses retain").isGreaterThan(100 * retainBefore);
    }
  }

  @Test
  void meRaisesForgetPredictiveEntropyTowardLogV() {
    double logV = Math.log(world.vocabSize());
    double before = world.meanEntropy(world.finetuned(), forget);
    try (LlamaModel me = unlearn("ME")) {
      double after = world.meanEntropy(me, forget);

      assertThat(before).as("a model that knows the answers is certain").isLessThan(0.1 * logV);
      assertThat(after)
          .as("entropy on forget answers vs log V = %.3f", logV)
          .isGreaterThan(0.9 * logV);
      assertThat(after).isLessThanOrEqualTo(logV + 1e-3);
    }
  }

  @Test
  void idkApKeepsRetainAnswersBetterThanIdkGd() {
    try (LlamaModel idk = unlearn("IDK");
        LlamaModel idkGd = unlearn("IDK+GD");
        LlamaModel idkAp = unlearn("IDK+AP")) {
      double retainIdk = world.meanNll(idk, retain);
      double retainGd = world.meanNll(idkGd, retain);
      double retainAp = world.meanNll(idkAp, retain);
      assertThat(retainGd).as("GD regularises").isLessThan(retainIdk);
      assertThat(retainAp).as("retain NLL: IDK+AP vs IDK+GD").isLessThan(retainGd);

      // what AP is for: on the retain questions it trains on, the true answer stays far more
      // likely than the refusal the forget questions were taught ("excessive ignorance" is kept
      // away); margin = NLL(refusal | q_r) − NLL(answer | q_r)
      assertThat(answerOverRefusalMargin(idkAp))
          .as("retain answer-over-refusal margin: AP vs GD")
          .isGreaterThan(answerOverRefusalMargin(idkGd) + 1);
    }
  }

  /** Mean NLL of the refusals minus mean NLL of the true answers on the retain partners. */
  private static double answerOverRefusalMargin(LlamaModel model) {
    ForgetItemSampler sampler = ForgetItemSampler.forBenchmark(world.benchmark());
    List<QaItem> answers = new ArrayList<>();
    List<QaItem> refusals = new ArrayList<>();
    for (int i = 0; i < sampler.size(); i++) {
      ForgetSample sample = sampler.sample(i);
      answers.add(QaItem.of(sample.retain().question(), sample.retain().answer()));
      refusals.add(QaItem.of(sample.retainIdk().question(), sample.retainIdk().answer()));
    }
    return world.meanNll(model, refusals) - world.meanNll(model, answers);
  }

  /** {@link #STEPS} optimizer steps of {@code name} from the fine-tuned model, seed 11. */
  private static LlamaModel unlearn(String name) {
    UnlearningMethod method = UnlearningMethod.parse(name);
    int batch = forget.size();
    ResolvedHyperparameters hp =
        HyperparameterResolver.unlearn(
            method,
            new Hyperparameters(
                LEARNING_RATE,
                null,
                batch,
                batch,
                0,
                null,
                0.0,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                MicroWorld.MAX_LENGTH),
            MicroWorld.MAX_LENGTH);
    LlamaModel model = world.finetunedCopy();
    UnlearnSteps objective =
        new UnlearnSteps(
            new UnlearningObjective(method, hp.method()),
            ForgetItemSampler.forBenchmark(world.benchmark()),
            world.encoder(),
            hp,
            11,
            method.needsReference() ? world.finetuned() : null);
    try {
      new SegmentTrainer(
              model,
              new AdamW(model, new AdamWConfig(0.9, 0.999, 1e-8, 0.0)),
              LinearWarmupDecaySchedule.constant(LEARNING_RATE),
              0,
              objective,
              TrainingObserver.NONE)
          .train(0, STEPS);
    } catch (NonFiniteTrainingException e) {
      model.close();
      throw new AssertionError(e);
    }
    model.setTrainable(false);
    return model;
  }
}
