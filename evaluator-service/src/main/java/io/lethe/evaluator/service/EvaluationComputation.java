package io.lethe.evaluator.service;

import io.lethe.evaluator.CompleteEvaluation;
import io.lethe.evaluator.EvaluationKey;
import io.lethe.evaluator.EvaluationSets;
import io.lethe.evaluator.ModelRole;
import io.lethe.evaluator.service.OriginalAnswers.StoredAnswer;
import io.lethe.metrics.tofu.TofuEvalSet;
import io.lethe.schemas.domain.EvaluationKind;
import io.lethe.schemas.domain.GenerationItem;
import io.lethe.schemas.events.EvaluationEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the evaluator does with one complete evaluation, apart from messaging: remembers a job's
 * step-0 answers, computes every metric and builds the {@code evaluations} event. A plain class, so
 * that the in-process loop benchmark runs exactly the evaluator's computation without Kafka.
 */
public final class EvaluationComputation {

  private final EvaluationCalculator calculator;
  private final OriginalAnswerStore originalAnswers;
  private final Clock clock;

  /**
   * @param calculator the metric computation
   * @param originalAnswers where the jobs' step-0 answers are kept
   * @param clock stamps the events
   */
  public EvaluationComputation(
      EvaluationCalculator calculator, OriginalAnswerStore originalAnswers, Clock clock) {
    this.calculator = calculator;
    this.originalAnswers = originalAnswers;
    this.clock = clock;
  }

  /** The event of {@code evaluation}, with every metric computed. */
  public EvaluationEvent compute(CompleteEvaluation evaluation) {
    EvaluationKey key = evaluation.key();
    if (key.step() == 0 && key.kind() == EvaluationKind.FULL) {
      rememberStepZeroAnswers(evaluation);
    }
    ComputedMetrics metrics = calculator.compute(evaluation, originalAnswers.find(key.jobId()));
    return EvaluationEvents.of(evaluation, metrics, Instant.now(clock));
  }

  /**
   * Step 0 is the starting model: its real-author and world-fact answers become closer-look's
   * {@code original_answer} for every later evaluation of the job.
   */
  private void rememberStepZeroAnswers(CompleteEvaluation evaluation) {
    Map<String, Map<Integer, StoredAnswer>> answers = new HashMap<>();
    Map<TofuEvalSet, List<GenerationItem>> candidate = evaluation.itemsBySet(ModelRole.CANDIDATE);
    for (TofuEvalSet set : List.of(TofuEvalSet.REAL_AUTHORS, TofuEvalSet.WORLD_FACTS)) {
      List<GenerationItem> items = candidate.get(set);
      if (items == null || items.stream().anyMatch(i -> i.generated() == null)) {
        continue;
      }
      Map<Integer, StoredAnswer> bySet = new HashMap<>();
      items.forEach(i -> bySet.put(i.index(), new StoredAnswer(i.question(), i.generated())));
      answers.put(EvaluationSets.wireName(set), bySet);
    }
    if (!answers.isEmpty()) {
      originalAnswers.remember(new OriginalAnswers(evaluation.key().jobId(), answers));
    }
  }
}
