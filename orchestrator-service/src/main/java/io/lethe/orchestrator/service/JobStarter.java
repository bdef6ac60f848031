package io.lethe.orchestrator.service;

import io.lethe.orchestrator.domain.JobStatus;
import io.lethe.orchestrator.repository.JobEntity;
import io.lethe.orchestrator.repository.OutboxMessage;
import io.lethe.schemas.Topics;
import io.lethe.schemas.domain.ModelRef;
import io.lethe.schemas.events.UnlearningStepCommand;
import io.lethe.schemas.json.LetheJson;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.List;

/**
 * Starts jobs: fixes their start and reference models and puts their baseline command in the outbox
 * (inside the caller's transaction). Continual unlearning — jobs queued after another job — starts
 * here when that job ends, from its result.
 */
public final class JobStarter {

  private JobStarter() {}

  /**
   * Starts {@code job} from {@code start}; the reference model is {@code reference}, or the start
   * model if null.
   */
  static Uni<Void> start(JobEntity job, ModelRef start, ModelRef reference) {
    UnlearningStepCommand first = baseline(job, start, reference);
    return OutboxMessage.of(Topics.UNLEARNING_STEPS, first.jobId(), LetheJson.write(first))
        .persist()
        .replaceWithVoid();
  }

  /**
   * Fixes {@code job}'s start model and reference model ({@code start} if null) and returns its
   * first command. Public so that a benchmark running the loop without a database starts jobs the
   * same way.
   */
  public static UnlearningStepCommand baseline(JobEntity job, ModelRef start, ModelRef reference) {
    job.startModelJson = LetheJson.write(start);
    job.referenceModelJson = LetheJson.write(reference == null ? start : reference);
    job.status = JobStatus.SUBMITTED;
    job.updatedAt = Instant.now();
    return JobPlanner.baseline(job);
  }

  /**
   * Starts {@code job} from the result of {@code previous}: with a moving reference (default) the
   * reference is that result; with a fixed one it stays the lineage's original model.
   */
  static Uni<Void> startAfter(JobEntity job, JobEntity previous) {
    ModelRef result = ModelRef.checkpoint(previous.resultUri, previous.resultSha256);
    ModelRef reference =
        job.fixedReference && previous.referenceModelJson != null
            ? LetheJson.read(previous.referenceModelJson, ModelRef.class)
            : result;
    return start(job, result, reference);
  }

  /** Starts (or fails, when it left no result) every job queued after {@code ended}. */
  public static Uni<Void> startFollowers(JobEntity ended) {
    return JobEntity.<JobEntity>list(
            "afterJobId = ?1 and status = ?2", ended.id.toString(), JobStatus.QUEUED)
        .flatMap(
            (List<JobEntity> followers) -> {
              Uni<Void> chain = Uni.createFrom().voidItem();
              for (JobEntity follower : followers) {
                chain =
                    chain.chain(
                        () -> {
                          if (ended.resultSha256 == null) {
                            follower.status = JobStatus.FAILED;
                            follower.statusReason =
                                "the job it follows ("
                                    + ended.id
                                    + ") ended "
                                    + ended.status
                                    + " without a result";
                            follower.updatedAt = Instant.now();
                            return startFollowers(follower);
                          }
                          return startAfter(follower, ended);
                        });
              }
              return chain;
            });
  }
}
