package io.lethe.trainer.training;

import io.lethe.ml.model.LlamaModel;
import io.lethe.ml.training.AdamW;
import io.lethe.ml.training.LinearWarmupDecaySchedule;
import io.lethe.ml.training.StepResult;
import io.lethe.ml.training.TrainStep;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Trains optimizer steps {@code fromStep+1 .. toStep} of a job on a model whose optimizer state is
 * at {@code fromStep}: each step runs the objective's micro-batches through one AdamW update with
 * the job's schedule, and is checked for non-finite loss terms and gradients before the next one
 * starts.
 *
 * <p>Not thread-safe (one PyTorch gradient collector per JVM).
 */
public final class SegmentTrainer {

  /** Name of the gradient norm in a {@link NonFiniteTrainingException}. */
  public static final String GRAD_NORM = "gradNorm";

  private final AdamW optimizer;
  private final TrainStep trainStep;
  private final SegmentObjective objective;
  private final TrainingObserver observer;

  /**
   * @param model the model to update in place
   * @param optimizer its AdamW, at the segment's first step
   * @param schedule the job's learning-rate schedule (indexed by completed steps)
   * @param gradientClip global gradient-norm clip, 0 for none
   * @param objective what the steps optimise
   * @param observer told about every step
   */
  public SegmentTrainer(
      LlamaModel model,
      AdamW optimizer,
      LinearWarmupDecaySchedule schedule,
      double gradientClip,
      SegmentObjective objective,
      TrainingObserver observer) {
    this.optimizer = optimizer;
    this.trainStep = new TrainStep(model, optimizer, schedule, gradientClip);
    this.objective = objective;
    this.observer = observer;
  }

  /**
   * Trains steps {@code fromStep+1 .. toStep}.
   *
   * @throws NonFiniteTrainingException at the first step whose loss terms or gradient norm are not
   *     finite (the model has then been updated with it and must be discarded)
   */
  public SegmentStats train(long fromStep, long toStep) throws NonFiniteTrainingException {
    if (optimizer.stepCount() != fromStep) {
      throw new IllegalStateException(
          "the optimizer is at step " + optimizer.stepCount() + ", not at " + fromStep);
    }
    if (toStep <= fromStep) {
      throw new IllegalArgumentException("nothing to train in steps " + fromStep + ".." + toStep);
    }
    Map<String, Double> sums = new LinkedHashMap<>();
    double gradNorm = Double.NaN;
    long tokens = 0;
    long trained = 0;
    long referenced = 0;
    double seconds = 0;
    for (long s = fromStep + 1; s <= toStep; s++) {
      StepTally tally = new StepTally();
      StepResult result = trainStep.run(objective.step(s, tally));
      Map<String, Double> terms = tally.means();
      for (String term : objective.terms()) {
        double value = terms.getOrDefault(term, Double.NaN);
        if (!Double.isFinite(value)) {
          throw new NonFiniteTrainingException(
              NonFiniteTrainingException.Kind.LOSS, s, term, value);
        }
      }
      if (!Double.isFinite(result.gradNorm())) {
        throw new NonFiniteTrainingException(
            NonFiniteTrainingException.Kind.GRADIENT, s, GRAD_NORM, result.gradNorm());
      }
      terms.forEach((name, value) -> sums.merge(name, value, Double::sum));
      gradNorm = result.gradNorm();
      tokens += tally.tokens();
      trained += tally.trainedPositions();
      referenced += tally.referencePositions();
      seconds += result.seconds();
      observer.stepTrained(objective.methodName(), result.seconds(), tally.tokens(), terms);
    }
    int steps = (int) (toStep - fromStep);
    Map<String, Double> means = new LinkedHashMap<>();
    sums.forEach((name, sum) -> means.put(name, sum / steps));
    return new SegmentStats(steps, means, gradNorm, tokens, trained, referenced, seconds);
  }
}
