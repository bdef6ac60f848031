package io.lethe.orchestrator.service;

import io.lethe.orchestrator.auth.TenantScope;
import io.lethe.orchestrator.domain.JobStatus;
import io.lethe.orchestrator.repository.CheckpointRecord;
import io.lethe.orchestrator.repository.DecisionRecord;
import io.lethe.orchestrator.repository.EvaluationRecord;
import io.lethe.orchestrator.repository.JobEntity;
import io.lethe.schemas.json.LetheJson;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Submits and looks up jobs, always within the caller's {@link TenantScope}: a job outside it is
 * reported as missing, exactly like one that does not exist.
 */
@ApplicationScoped
public class JobService {

  /**
   * Persists the job and its first segment command in one transaction (the command goes out through
   * the outbox, so an accepted job always gets its command and a rejected one never does). A
   * continual job whose predecessor has not ended is stored QUEUED; it is started when the
   * predecessor ends ({@link JobStarter#startFollowers}). The predecessor must belong to the same
   * tenant — whoever submits, admins included — so that no tenant's job starts from another's
   * model.
   */
  public Uni<JobEntity> submit(JobSpec spec, String tenant) {
    JobEntity job = newJob(spec, tenant);
    if (spec.afterJobId() == null) {
      return Panache.withTransaction(
          () ->
              job.<JobEntity>persist().call(() -> JobStarter.start(job, spec.startModel(), null)));
    }
    return Panache.withTransaction(
        () ->
            JobEntity.<JobEntity>findById(
                    UUID.fromString(spec.afterJobId()), LockModeType.PESSIMISTIC_WRITE)
                // another tenant's job is answered exactly like a missing one
                .map(
                    previous ->
                        previous != null && tenant.equals(previous.tenant) ? previous : null)
                .onItem()
                .ifNull()
                .failWith(
                    () ->
                        new UnprocessableJobException(
                            "continual.after: there is no job " + spec.afterJobId()))
                .flatMap(
                    previous -> {
                      if (!previous.isTerminal()) {
                        job.status = JobStatus.QUEUED;
                        return job.<JobEntity>persist();
                      }
                      if (previous.resultSha256 == null) {
                        return Uni.createFrom()
                            .failure(
                                new UnprocessableJobException(
                                    "continual.after: job "
                                        + previous.id
                                        + " ended "
                                        + previous.status
                                        + " without a result to start from"));
                      }
                      return job.<JobEntity>persist()
                          .call(() -> JobStarter.startAfter(job, previous));
                    }));
  }

  /**
   * A job of {@code spec} as it is first stored: not started, no segment commanded. Public so that
   * a benchmark running the loop without a database plans from the same state.
   */
  public static JobEntity newJob(JobSpec spec, String tenant) {
    JobEntity job = new JobEntity();
    job.id = UUID.randomUUID();
    job.tenant = tenant;
    job.kind = spec.kind();
    job.method = spec.method();
    job.status = JobStatus.SUBMITTED;
    job.datasetJson = LetheJson.write(spec.dataset());
    job.hyperparametersJson = LetheJson.write(spec.hyperparameters());
    job.policyJson = spec.policy() == null ? null : LetheJson.write(spec.policy());
    job.retainModelJson = spec.retainModel() == null ? null : LetheJson.write(spec.retainModel());
    job.afterJobId = spec.afterJobId();
    job.fixedReference = spec.fixedReference();
    job.seed = spec.seed();
    job.maxItemsPerSet = spec.maxItemsPerSet();
    job.shardSize = spec.shardSize();
    job.nextSegment = 1;
    job.currentStep = 0;
    job.createdAt = Instant.now();
    job.updatedAt = job.createdAt;
    return job;
  }

  /**
   * The job with {@code id} if {@code scope} may see it, or a failed Uni with {@link
   * JobNotFoundException}.
   */
  public Uni<JobEntity> find(String id, TenantScope scope) {
    UUID uuid;
    try {
      uuid = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return Uni.createFrom().failure(new JobNotFoundException(id));
    }
    return Panache.withSession(() -> JobEntity.<JobEntity>findById(uuid))
        .map(job -> job != null && scope.permits(job) ? job : null)
        .onItem()
        .ifNull()
        .failWith(() -> new JobNotFoundException(id));
  }

  // the queries use the stored id, not the caller's spelling of it (an upper-case UUID finds the
  // job but would match none of its events)

  /** The decisions on a job, oldest first. */
  public Uni<List<DecisionRecord>> decisions(String id, TenantScope scope) {
    return find(id, scope).flatMap(this::decisions);
  }

  /** The decisions on {@code job}, oldest first. */
  public Uni<List<DecisionRecord>> decisions(JobEntity job) {
    return Panache.withSession(
        () -> DecisionRecord.<DecisionRecord>list("jobId = ?1 order by id", job.id.toString()));
  }

  /** The evaluation of {@code job} that arrived last, or null before the first. */
  public Uni<EvaluationRecord> latestEvaluation(JobEntity job) {
    return Panache.withSession(
        () ->
            EvaluationRecord.<EvaluationRecord>find(
                    "jobId = ?1 order by id desc", job.id.toString())
                .firstResult());
  }

  /** The evaluations of a job, in arrival order. */
  public Uni<List<EvaluationRecord>> evaluations(String id, TenantScope scope) {
    return find(id, scope)
        .flatMap(
            job ->
                Panache.withSession(
                    () ->
                        EvaluationRecord.<EvaluationRecord>list(
                            "jobId = ?1 order by id", job.id.toString())));
  }

  /** The checkpoints of a job, in arrival order. */
  public Uni<List<CheckpointRecord>> checkpoints(String id, TenantScope scope) {
    return find(id, scope)
        .flatMap(
            job ->
                Panache.withSession(
                    () ->
                        CheckpointRecord.<CheckpointRecord>list(
                            "jobId = ?1 order by id", job.id.toString())));
  }

  /** The most recent jobs {@code scope} may see, first. */
  public Uni<List<JobEntity>> list(int limit, TenantScope scope) {
    return Panache.withSession(
        () ->
            (scope.allTenants()
                    ? JobEntity.<JobEntity>find("order by createdAt desc")
                    : JobEntity.<JobEntity>find(
                        "tenant = ?1 order by createdAt desc", scope.tenant()))
                .page(0, limit)
                .list());
  }
}
