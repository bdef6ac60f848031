package io.lethe.inprocess;

import com.fasterxml.jackson.databind.JsonNode;
import io.lethe.orchestrator.control.CheckpointObservation;
import io.lethe.orchestrator.control.ControlDecision;
import io.lethe.orchestrator.control.Controller;
import io.lethe.orchestrator.control.EvaluationObservation;
import io.lethe.orchestrator.control.JobHistory;
import io.lethe.orchestrator.domain.JobStatus;
import io.lethe.orchestrator.repository.JobEntity;
import io.lethe.orchestrator.rest.SubmitJobRequest;
import io.lethe.orchestrator.service.JobPlanner;
import io.lethe.orchestrator.service.JobService;
import io.lethe.orchestrator.service.JobSpec;
import io.lethe.orchestrator.service.JobStarter;
import io.lethe.schemas.domain.Decision;
import io.lethe.schemas.domain.JobKind;
import io.lethe.schemas.domain.ModelRef;
import io.lethe.schemas.events.CheckpointEvent;
import io.lethe.schemas.events.EvaluationEvent;
import io.lethe.schemas.events.StepFailedEvent;
import io.lethe.schemas.events.UnlearningStepCommand;
import io.lethe.schemas.json.LetheJson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One job as the orchestrator runs it, without a database: resolved from its API request by {@link
 * SubmitJobRequest#toSpec}, planned by {@link JobPlanner} from the {@link JobEntity} the API would
 * store, decided by the pure {@link Controller}. The transitions are {@code JobLoop}'s, in memory:
 * record a checkpoint, command the next segment when the trainer is idle and within the run-ahead
 * budget, decide on an evaluation. MIX searches are not run: the benchmarked policy halts.
 *
 * <p>Thread-safe: in the pipelined loop the trainer's thread and the evaluation's thread both
 * report to it, as the orchestrator's consumers of two topics do (where the job row's lock orders
 * them).
 */
final class ControlledJob {

  /** The tenant the API would take from the token; no code reads it here. */
  private static final String TENANT = "in-process";

  private final JobEntity job;
  private final UnlearningStepCommand baseline;
  private final int runAheadSegments;
  private final List<CheckpointObservation> checkpoints = new ArrayList<>();
  private final List<EvaluationObservation> evaluations = new ArrayList<>();
  private final Map<Integer, CheckpointEvent> trainedAt = new HashMap<>();
  private final List<StepDecision> decisions = new ArrayList<>();
  private final List<CheckpointEvent> checkpointEvents = new ArrayList<>();
  private final List<EvaluationEvent> evaluationEvents = new ArrayList<>();
  private long endedAt;

  private ControlledJob(JobEntity job, UnlearningStepCommand baseline, int runAheadSegments) {
    this.job = job;
    this.baseline = baseline;
    this.runAheadSegments = runAheadSegments;
  }

  /**
   * The job the API would create for {@code request} (a {@code POST /jobs} body).
   *
   * @param runAheadSegments segments the trainer may run ahead of the controller ({@code
   *     lethe.control.run-ahead-segments}; 0 = strictly one after the other)
   */
  static ControlledJob submit(JsonNode request, int runAheadSegments) {
    JobSpec spec = LetheJson.read(request.toString(), SubmitJobRequest.class).toSpec();
    if (spec.afterJobId() != null) {
      throw new IllegalArgumentException("continual jobs are not run in-process");
    }
    JobEntity job = JobService.newJob(spec, TENANT);
    return new ControlledJob(
        job, JobStarter.baseline(job, spec.startModel(), null), runAheadSegments);
  }

  /** The job's first command: register (and evaluate) the start model as step 0. */
  UnlearningStepCommand baseline() {
    return baseline;
  }

  /** A segment's checkpoint is in (JobLoop's {@code afterCheckpoint}). */
  synchronized void onCheckpoint(CheckpointEvent event) {
    checkpointEvents.add(event);
    checkpoints.add(
        new CheckpointObservation(
            event.step(),
            event.sha256(),
            event.parentSha256(),
            event.lossTerms() == null ? Map.of() : event.lossTerms(),
            event.gradNorm(),
            event.mixAlpha()));
    if (job.isTerminal()) {
      return;
    }
    job.status = JobStatus.RUNNING;
    if (event.mixAlpha() == null) {
      trainedAt.put(event.step(), event);
      job.currentStep = Math.max(job.currentStep, event.step());
      if (job.plannedSteps == null) {
        job.plannedSteps = event.plannedSteps();
      }
    }
    if (job.kind == JobKind.FINETUNE && event.step() >= job.plannedSteps) {
      end(
          event.step(),
          new ControlDecision(
              Decision.COMPLETE,
              "fine-tuning schedule of " + job.plannedSteps + " steps complete",
              Map.of(),
              event.sha256(),
              null));
    }
    notifyAll();
  }

  /** The trainer could not complete a segment: the controller fails the job. */
  synchronized void onFailure(StepFailedEvent event) {
    if (job.isTerminal()) {
      return;
    }
    String failure = event.category() + " at step " + event.step() + ": " + event.reason();
    apply(event.step(), Controller.decide(history(failure), JobPlanner.policy(job)));
  }

  /** Something outside the loop broke (an evaluation threw): ends the job so no thread waits. */
  synchronized void abort(String reason) {
    if (!job.isTerminal()) {
      end(job.currentStep, new ControlDecision(Decision.FAIL, reason, Map.of(), null, null));
    }
  }

  /**
   * The next training segment if it is due now (JobLoop's {@code commandNextSegmentIfDue}): the
   * trainer is idle, the schedule is not done and the run-ahead budget allows.
   */
  synchronized Optional<UnlearningStepCommand> nextSegment() {
    if (job.isTerminal()
        || job.plannedSteps == null
        || job.currentStep < job.commandedToStep
        || job.commandedToStep >= job.plannedSteps) {
      return Optional.empty();
    }
    if (job.kind == JobKind.UNLEARN
        && job.commandedToStep - job.evaluatedStep
            > runAheadSegments * JobPlanner.segmentLength(job)) {
      return Optional.empty();
    }
    CheckpointEvent from = trainedAt.get(job.commandedToStep);
    UnlearningStepCommand next =
        JobPlanner.nextSegment(job, ModelRef.checkpoint(from.uri(), from.sha256()));
    job.commandedToStep = next.toStep();
    job.nextSegment++;
    return Optional.of(next);
  }

  /**
   * Waits until the next segment is due and returns it, or returns empty once the job has ended or
   * its whole schedule has been commanded.
   */
  synchronized Optional<UnlearningStepCommand> awaitNextSegment() throws InterruptedException {
    while (true) {
      Optional<UnlearningStepCommand> next = nextSegment();
      if (next.isPresent()
          || job.isTerminal()
          || (job.plannedSteps != null && job.commandedToStep >= job.plannedSteps)) {
        return next;
      }
      wait();
    }
  }

  /** The controller decides on {@code evaluation} (none once the job has ended). */
  synchronized void onEvaluation(EvaluationEvent evaluation) {
    if (job.isTerminal()) {
      return;
    }
    evaluationEvents.add(evaluation);
    evaluations.add(
        new EvaluationObservation(
            evaluation.step(),
            evaluation.checkpointSha256(),
            evaluation.kind(),
            EvaluationObservation.computedValues(evaluation.metrics()),
            mixAlpha(evaluation.checkpointSha256())));
    JobHistory h = history(null);
    apply(h.decisionStep(evaluation.step()), Controller.decide(h, JobPlanner.policy(job)));
  }

  synchronized boolean ended() {
    return job.isTerminal();
  }

  synchronized JobStatus status() {
    return job.status;
  }

  /** The job's result (the last checkpoint that met every floor, or the final one), or null. */
  synchronized String resultSha256() {
    return job.resultSha256;
  }

  /** {@link System#nanoTime()} when the job ended. */
  synchronized long endedAt() {
    return endedAt;
  }

  /** Every checkpoint the trainer reported, in order. */
  synchronized List<CheckpointEvent> checkpointEvents() {
    return List.copyOf(checkpointEvents);
  }

  /** Every evaluation decided on, in order. */
  synchronized List<EvaluationEvent> evaluationEvents() {
    return List.copyOf(evaluationEvents);
  }

  /** The controller's decisions, in order. */
  synchronized List<StepDecision> decisions() {
    return List.copyOf(decisions);
  }

  private void apply(int step, ControlDecision d) {
    switch (d.decision()) {
      case CONTINUE -> {
        decisions.add(new StepDecision(step, d));
        job.evaluatedStep = Math.max(job.evaluatedStep, step);
        notifyAll();
      }
      case MIX ->
          throw new UnsupportedOperationException(
              "MIX searches are not run in-process: use onBreach HALT (" + d.reason() + ")");
      case HALT, ROLLBACK, COMPLETE, FAIL -> end(step, d);
    }
  }

  private void end(int step, ControlDecision d) {
    decisions.add(new StepDecision(step, d));
    job.status = JobStatus.endedBy(d.decision());
    job.statusReason = d.reason();
    job.resultSha256 = d.resultSha256();
    endedAt = System.nanoTime();
    notifyAll();
  }

  private JobHistory history(String failure) {
    int planned = job.plannedSteps == null ? Integer.MAX_VALUE : job.plannedSteps;
    return new JobHistory(List.copyOf(checkpoints), List.copyOf(evaluations), failure, planned);
  }

  private Double mixAlpha(String sha256) {
    return checkpoints.stream()
        .filter(c -> c.isMix() && c.sha256().equals(sha256))
        .map(CheckpointObservation::mixAlpha)
        .findFirst()
        .orElse(null);
  }
}
