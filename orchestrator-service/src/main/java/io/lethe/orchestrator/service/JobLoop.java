package io.lethe.orchestrator.service;

import io.lethe.orchestrator.control.CheckpointObservation;
import io.lethe.orchestrator.control.ControlDecision;
import io.lethe.orchestrator.control.Controller;
import io.lethe.orchestrator.control.EvaluationObservation;
import io.lethe.orchestrator.control.JobHistory;
import io.lethe.orchestrator.domain.JobStatus;
import io.lethe.orchestrator.metrics.ControllerMetrics;
import io.lethe.orchestrator.repository.CheckpointRecord;
import io.lethe.orchestrator.repository.DecisionRecord;
import io.lethe.orchestrator.repository.EvaluationRecord;
import io.lethe.orchestrator.repository.JobEntity;
import io.lethe.orchestrator.repository.OutboxMessage;
import io.lethe.orchestrator.repository.ProcessedEvent;
import io.lethe.schemas.Topics;
import io.lethe.schemas.domain.ControlPolicy;
import io.lethe.schemas.domain.Decision;
import io.lethe.schemas.domain.JobKind;
import io.lethe.schemas.domain.MetricResult;
import io.lethe.schemas.domain.ModelRef;
import io.lethe.schemas.events.CheckpointEvent;
import io.lethe.schemas.events.ControlDecisionEvent;
import io.lethe.schemas.events.EvaluationEvent;
import io.lethe.schemas.events.StepFailedEvent;
import io.lethe.schemas.events.UnlearningStepCommand;
import io.lethe.schemas.json.LetheJson;
import io.lethe.schemas.json.MalformedEventException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The closed loop of a job: checkpoints, evaluations and failures come in; the controller decides;
 * the next commands and the decision go out through the outbox.
 *
 * <p>Every handler runs in one database transaction that (1) records the event id, so a redelivered
 * event has no second effect, (2) locks the job row, so the consumers of different topics never
 * interleave on one job, and (3) writes every outgoing command and decision to the outbox, so
 * nothing is lost or sent twice by a crash.
 *
 * <p>Pipelining: the trainer may run ahead of the evaluations by {@code
 * lethe.control.run-ahead-segments} segments; when a floor breaks, what ran ahead is discarded (its
 * checkpoints are recorded, never used as a result) and the decision reports how many steps were
 * trained past the crossing.
 */
@ApplicationScoped
public class JobLoop {

  private final ControllerMetrics metrics;
  private final int runAheadSegments;

  public JobLoop(
      ControllerMetrics metrics,
      @ConfigProperty(name = "lethe.control.run-ahead-segments", defaultValue = "1")
          int runAheadSegments) {
    this.metrics = metrics;
    this.runAheadSegments = runAheadSegments;
  }

  /** A checkpoint of a segment (or of a mixed model) was published. */
  public Uni<Void> onCheckpoint(CheckpointEvent event) {
    return once(
        event.eventId(),
        Topics.CHECKPOINTS,
        () ->
            lockJob(event.jobId())
                .flatMap(job -> recordCheckpoint(event).chain(() -> afterCheckpoint(job, event))));
  }

  /** The metrics of a checkpoint arrived. */
  public Uni<Void> onEvaluation(EvaluationEvent event) {
    return once(
        event.eventId(),
        Topics.EVALUATIONS,
        () ->
            lockJob(event.jobId())
                .flatMap(
                    job ->
                        recordEvaluation(event)
                            .flatMap(
                                evaluation ->
                                    job.isTerminal()
                                        ? Uni.createFrom().voidItem()
                                        : decideWhenCheckpointKnown(job, evaluation))));
  }

  /** The trainer could not complete a segment. */
  public Uni<Void> onFailure(StepFailedEvent event) {
    return once(
        event.eventId(),
        Topics.STEP_FAILURES,
        () ->
            lockJob(event.jobId())
                .flatMap(
                    job -> {
                      if (job.isTerminal()) {
                        return Uni.createFrom().voidItem();
                      }
                      String failure =
                          event.category() + " at step " + event.step() + ": " + event.reason();
                      return history(job, null, failure)
                          .flatMap(
                              h ->
                                  apply(
                                      job, event.step(), false, Controller.decide(h, policy(job))));
                    }));
  }

  /** Cancels a job that has not ended. */
  public Uni<JobEntity> cancel(String jobId) {
    return Panache.withTransaction(
            () ->
                lockJob(jobId)
                    .flatMap(
                        job -> {
                          if (job.isTerminal()) {
                            return Uni.createFrom()
                                .failure(
                                    new JobConflictException(
                                        "job " + jobId + " has already ended: " + job.status));
                          }
                          ControlDecision d =
                              new ControlDecision(
                                  Decision.HALT, "cancelled by a user", Map.of(), null, null);
                          job.status = JobStatus.CANCELLED;
                          job.statusReason = d.reason();
                          job.updatedAt = Instant.now();
                          return publishDecision(job, job.currentStep, d)
                              .chain(() -> JobStarter.startFollowers(job))
                              .replaceWith(job);
                        }))
        .onFailure(MalformedEventException.class)
        .transform(e -> new JobNotFoundException(jobId));
  }

  // ---- checkpoints ----------------------------------------------------------------------------

  private Uni<Void> afterCheckpoint(JobEntity job, CheckpointEvent event) {
    if (job.isTerminal()) {
      return Uni.createFrom().voidItem();
    }
    job.updatedAt = Instant.now();
    if (job.status == JobStatus.SUBMITTED) {
      job.status = JobStatus.RUNNING;
    }
    if (event.mixAlpha() == null) {
      job.currentStep = Math.max(job.currentStep, event.step());
      if (job.plannedSteps == null) {
        if (event.plannedSteps() == null) {
          throw new MalformedEventException(
              "checkpoint of step " + event.step() + " of job " + job.id + " lacks plannedSteps");
        }
        job.plannedSteps = event.plannedSteps();
      }
    }
    if (job.kind == JobKind.FINETUNE) {
      if (event.step() >= job.plannedSteps) {
        ControlDecision done =
            new ControlDecision(
                Decision.COMPLETE,
                "fine-tuning schedule of " + job.plannedSteps + " steps complete",
                Map.of("loss/total", totalLoss(event)),
                event.sha256(),
                null);
        return apply(job, event.step(), false, done);
      }
      return commandNextSegmentIfDue(job);
    }
    return decidePending(job, event.sha256()).chain(() -> commandNextSegmentIfDue(job));
  }

  private static double totalLoss(CheckpointEvent event) {
    Double total = event.lossTerms() == null ? null : event.lossTerms().get("total");
    return total == null ? Double.NaN : total;
  }

  /**
   * Commands the next training segment when the trainer is idle (the last commanded segment's
   * checkpoint is in), the schedule is not done, no MIX search is running and the run-ahead budget
   * allows.
   */
  private Uni<Void> commandNextSegmentIfDue(JobEntity job) {
    if (job.isTerminal()
        || job.plannedSteps == null
        || job.mixOtherSha256 != null
        || job.currentStep < job.commandedToStep
        || job.commandedToStep >= job.plannedSteps) {
      return Uni.createFrom().voidItem();
    }
    if (job.kind == JobKind.UNLEARN
        && job.commandedToStep - job.evaluatedStep
            > runAheadSegments * JobPlanner.segmentLength(job)) {
      return Uni.createFrom().voidItem(); // wait for the controller to catch up
    }
    return checkpointAt(job.id.toString(), job.commandedToStep)
        .flatMap(
            from -> {
              UnlearningStepCommand next =
                  JobPlanner.nextSegment(job, ModelRef.checkpoint(from.uri, from.sha256));
              job.commandedToStep = next.toStep();
              job.nextSegment++;
              return outbox(Topics.UNLEARNING_STEPS, next.jobId(), next);
            });
  }

  // ---- evaluations ----------------------------------------------------------------------------

  private Uni<Void> decideWhenCheckpointKnown(JobEntity job, EvaluationRecord evaluation) {
    return CheckpointRecord.<CheckpointRecord>find(
            "jobId = ?1 and sha256 = ?2", evaluation.jobId, evaluation.checkpointSha256)
        .firstResult()
        .flatMap(
            checkpoint ->
                checkpoint == null
                    ? Uni.createFrom().voidItem() // decided when the checkpoint event arrives
                    : decide(job, evaluation, checkpoint));
  }

  private Uni<Void> decidePending(JobEntity job, String sha256) {
    return EvaluationRecord.<EvaluationRecord>list(
            "jobId = ?1 and checkpointSha256 = ?2 and decided = false order by id",
            job.id.toString(),
            sha256)
        .flatMap(
            pending -> {
              Uni<Void> chain = Uni.createFrom().voidItem();
              for (EvaluationRecord e : pending) {
                chain =
                    chain.chain(
                        () ->
                            CheckpointRecord.<CheckpointRecord>find(
                                    "jobId = ?1 and sha256 = ?2", e.jobId, sha256)
                                .firstResult()
                                .flatMap(c -> decide(job, e, c)));
              }
              return chain;
            });
  }

  /**
   * Decides on {@code evaluation} of {@code checkpoint} (null only if the checkpoint record is
   * gone, which the callers rule out).
   */
  private Uni<Void> decide(
      JobEntity job, EvaluationRecord evaluation, CheckpointRecord checkpoint) {
    if (job.isTerminal()) {
      return Uni.createFrom().voidItem();
    }
    boolean mix = checkpoint != null && checkpoint.mixAlpha != null;
    evaluation.decided = true;
    if (!mix && job.mixOtherSha256 != null) {
      // A checkpoint the trainer ran ahead with before the floor broke, evaluated while the MIX
      // search on the breach runs: it is kept (the report counts the steps trained past the
      // crossing) but decides nothing — deciding on it would start a second search.
      return Uni.createFrom().voidItem();
    }
    metrics.recordForgetting(computedMetrics(evaluation.metricsJson));
    if (checkpoint != null && checkpoint.occurredAt != null) {
      // checkpoint written (trainer's clock) → decision: what the closed loop adds to a step
      metrics.recordLatency(
          evaluation.kind, Duration.between(checkpoint.occurredAt, Instant.now()));
    }
    return history(job, evaluation.id, null)
        .flatMap(
            h ->
                apply(
                    job, h.decisionStep(evaluation.step), mix, Controller.decide(h, policy(job))));
  }

  // ---- decisions ------------------------------------------------------------------------------

  private Uni<Void> apply(JobEntity job, int step, boolean mixEvaluation, ControlDecision d) {
    metrics.record(d);
    job.updatedAt = Instant.now();
    return publishDecision(job, step, d)
        .chain(
            () ->
                switch (d.decision()) {
                  case CONTINUE -> {
                    if (!mixEvaluation) {
                      job.evaluatedStep = Math.max(job.evaluatedStep, step);
                    }
                    yield commandNextSegmentIfDue(job);
                  }
                  case MIX -> commandMix(job, step, d.mixAlpha());
                  case HALT, ROLLBACK, COMPLETE, FAIL -> end(job, d);
                });
  }

  private Uni<Void> end(JobEntity job, ControlDecision d) {
    job.status = JobStatus.endedBy(d.decision());
    job.statusReason = d.reason();
    if (d.resultSha256() == null) {
      return JobStarter.startFollowers(job);
    }
    job.resultSha256 = d.resultSha256();
    return CheckpointRecord.<CheckpointRecord>find(
            "jobId = ?1 and sha256 = ?2", job.id.toString(), d.resultSha256())
        .firstResult()
        .invoke(c -> job.resultUri = c == null ? null : c.uri)
        .chain(() -> JobStarter.startFollowers(job));
  }

  private Uni<Void> commandMix(JobEntity job, int step, double alpha) {
    Uni<Void> remember = Uni.createFrom().voidItem();
    if (job.mixOtherSha256 == null) {
      // the first MIX decision is taken on the breaching evaluation: its checkpoint is the α = 1
      // end
      remember =
          checkpointAt(job.id.toString(), step)
              .invoke(c -> job.mixOtherSha256 = c.sha256)
              .replaceWithVoid();
    }
    return remember
        .chain(() -> checkpointAt(job.id.toString(), 0))
        .flatMap(
            base ->
                CheckpointRecord.<CheckpointRecord>find(
                        "jobId = ?1 and sha256 = ?2", job.id.toString(), job.mixOtherSha256)
                    .firstResult()
                    .flatMap(
                        other -> {
                          UnlearningStepCommand mix =
                              JobPlanner.mix(
                                  job,
                                  other.step,
                                  ModelRef.checkpoint(base.uri, base.sha256),
                                  ModelRef.checkpoint(other.uri, other.sha256),
                                  alpha);
                          job.nextSegment++;
                          return outbox(Topics.UNLEARNING_STEPS, mix.jobId(), mix);
                        }));
  }

  private Uni<Void> publishDecision(JobEntity job, int step, ControlDecision d) {
    DecisionRecord record = new DecisionRecord();
    record.eventId = UUID.randomUUID();
    record.jobId = job.id.toString();
    record.step = step;
    record.decision = d.decision();
    record.reason = d.reason();
    record.observedJson = LetheJson.write(d.observed());
    record.policyJson = job.policyJson;
    record.resultSha256 = d.resultSha256();
    record.mixAlpha = d.mixAlpha();
    record.createdAt = Instant.now();
    Uni<ModelRef> result =
        d.resultSha256() == null
            ? Uni.createFrom().nullItem()
            : CheckpointRecord.<CheckpointRecord>find(
                    "jobId = ?1 and sha256 = ?2", record.jobId, d.resultSha256())
                .firstResult()
                .map(c -> c == null ? null : ModelRef.checkpoint(c.uri, c.sha256));
    return record
        .persist()
        .chain(() -> result)
        .flatMap(
            resultRef ->
                outbox(
                    Topics.CONTROL_DECISIONS,
                    record.jobId,
                    new ControlDecisionEvent(
                        record.eventId,
                        ControlDecisionEvent.SCHEMA_VERSION,
                        record.jobId,
                        record.createdAt,
                        step,
                        d.decision(),
                        d.reason(),
                        job.policyJson == null ? null : policy(job),
                        d.observed(),
                        resultRef,
                        d.mixAlpha())));
  }

  // ---- history --------------------------------------------------------------------------------

  /** The job's history up to (and including) the evaluation being decided on. */
  private Uni<JobHistory> history(JobEntity job, Long currentEvaluationId, String failure) {
    String jobId = job.id.toString();
    return CheckpointRecord.<CheckpointRecord>list("jobId = ?1 order by id", jobId)
        .flatMap(
            checkpoints ->
                EvaluationRecord.<EvaluationRecord>list(
                        "jobId = ?1 and (decided = true or id = ?2) order by id",
                        jobId,
                        currentEvaluationId == null ? -1L : currentEvaluationId)
                    .map(
                        evaluations -> {
                          Map<String, Double> alphaBySha = new LinkedHashMap<>();
                          List<CheckpointObservation> cs = new ArrayList<>();
                          for (CheckpointRecord c : checkpoints) {
                            if (c.mixAlpha != null) {
                              alphaBySha.put(c.sha256, c.mixAlpha);
                            }
                            cs.add(
                                new CheckpointObservation(
                                    c.step,
                                    c.sha256,
                                    c.parentSha256,
                                    lossTerms(c.lossTermsJson),
                                    c.gradNorm,
                                    c.mixAlpha));
                          }
                          List<EvaluationObservation> es = new ArrayList<>();
                          for (EvaluationRecord e : evaluations) {
                            es.add(
                                new EvaluationObservation(
                                    e.step,
                                    e.checkpointSha256,
                                    e.kind,
                                    computedMetrics(e.metricsJson),
                                    alphaBySha.get(e.checkpointSha256)));
                          }
                          int planned =
                              job.plannedSteps == null ? Integer.MAX_VALUE : job.plannedSteps;
                          return new JobHistory(cs, es, failure, planned);
                        }));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Double> lossTerms(String json) {
    if (json == null) {
      return Map.of();
    }
    Map<String, Object> raw = LetheJson.read(json, Map.class);
    Map<String, Double> terms = new LinkedHashMap<>();
    raw.forEach(
        (k, v) -> terms.put(k, v instanceof Number n ? n.doubleValue() : parseNonFinite(v)));
    return terms;
  }

  private static Double parseNonFinite(Object v) {
    // Jackson writes NaN/Infinity as strings when they are not numbers in JSON
    try {
      return v == null ? null : Double.valueOf(v.toString());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static Map<String, Double> computedMetrics(String json) {
    Map<String, MetricResult> all =
        LetheJson.mapper()
            .convertValue(
                LetheJson.read(json, Map.class),
                LetheJson.mapper()
                    .getTypeFactory()
                    .constructMapType(LinkedHashMap.class, String.class, MetricResult.class));
    return EvaluationObservation.computedValues(all);
  }

  // ---- plumbing -------------------------------------------------------------------------------

  private Uni<Void> once(UUID eventId, String topic, Supplier<Uni<Void>> effect) {
    return Panache.withTransaction(
        () ->
            ProcessedEvent.<ProcessedEvent>findById(eventId)
                .flatMap(
                    seen ->
                        seen != null
                            ? Uni.createFrom().voidItem()
                            : ProcessedEvent.of(eventId, topic)
                                .persist()
                                .chain(() -> effect.get())));
  }

  private static Uni<JobEntity> lockJob(String jobId) {
    UUID id;
    try {
      id = UUID.fromString(jobId);
    } catch (IllegalArgumentException e) {
      return Uni.createFrom()
          .failure(new MalformedEventException("jobId " + jobId + " is not a UUID"));
    }
    return JobEntity.<JobEntity>findById(id, LockModeType.PESSIMISTIC_WRITE)
        .onItem()
        .ifNull()
        .failWith(() -> new MalformedEventException("no job " + jobId));
  }

  private static Uni<CheckpointRecord> checkpointAt(String jobId, int step) {
    return CheckpointRecord.<CheckpointRecord>find(
            "jobId = ?1 and step = ?2 and mixAlpha is null order by id desc", jobId, step)
        .firstResult()
        .onItem()
        .ifNull()
        .failWith(
            () -> new IllegalStateException("job " + jobId + " has no checkpoint at step " + step));
  }

  private static Uni<CheckpointRecord> recordCheckpoint(CheckpointEvent e) {
    CheckpointRecord r = new CheckpointRecord();
    r.eventId = e.eventId();
    r.jobId = e.jobId();
    r.step = e.step();
    r.segment = e.segment();
    r.kind = e.kind();
    r.uri = e.uri();
    r.sha256 = e.sha256();
    r.parentSha256 = e.parentSha256();
    r.lossTermsJson = e.lossTerms() == null ? null : LetheJson.write(e.lossTerms());
    r.gradNorm = e.gradNorm();
    r.tokens = e.tokens();
    r.seconds = e.seconds();
    r.mixAlpha = e.mixAlpha();
    r.occurredAt = e.occurredAt();
    return r.persist();
  }

  private static Uni<EvaluationRecord> recordEvaluation(EvaluationEvent e) {
    EvaluationRecord r = new EvaluationRecord();
    r.eventId = e.eventId();
    r.jobId = e.jobId();
    r.step = e.step();
    r.kind = e.kind();
    r.checkpointSha256 = e.checkpointSha256();
    r.metricsJson = LetheJson.write(e.metrics());
    r.occurredAt = e.occurredAt();
    r.decided = false;
    return r.persist();
  }

  private static Uni<Void> outbox(String topic, String key, Object event) {
    return OutboxMessage.of(topic, key, LetheJson.write(event)).persist().replaceWithVoid();
  }

  private static ControlPolicy policy(JobEntity job) {
    return JobPlanner.policy(job);
  }
}
