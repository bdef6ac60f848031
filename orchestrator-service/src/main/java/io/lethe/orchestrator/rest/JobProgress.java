package io.lethe.orchestrator.rest;

import io.lethe.orchestrator.auth.TenantScope;
import io.lethe.orchestrator.service.JobService;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Follows a job for the progress stream: its state is read from the database at a fixed interval
 * and emitted whenever it changes; the stream completes after the state in which the job ended.
 * (Polling the store keeps the stream right across orchestrator replicas: whichever replica applied
 * an event, every replica's subscribers see it.)
 */
@ApplicationScoped
public class JobProgress {

  private final JobService jobs;
  private final Duration interval;

  public JobProgress(
      JobService jobs,
      @ConfigProperty(name = "lethe.progress.interval", defaultValue = "1s") Duration interval) {
    this.jobs = jobs;
    this.interval = interval;
  }

  /**
   * The job's state whenever it changes, until it ends (fails at once for a job that is unknown or
   * outside {@code scope}). The scope is the subscriber's, captured with the request: the reads run
   * on worker threads that know no caller.
   */
  public Multi<JobView> follow(String id, TenantScope scope) {
    AtomicReference<JobView> last = new AtomicReference<>();
    AtomicReference<Boolean> ended = new AtomicReference<>(false);
    Multi<JobView> polled =
        Multi.createFrom()
            .ticks()
            .every(interval)
            .onItem()
            .<JobView>transformToUniAndConcatenate(tick -> read(id, scope));
    return jobs.find(id, scope)
        .map(JobView::of)
        .toMulti()
        .onCompletion()
        .switchTo(polled)
        // pass the terminal state, then stop at the next read
        .select()
        .first(view -> !ended.getAndSet(isTerminal(view)))
        .select()
        .where(view -> !Objects.equals(view, last.getAndSet(view)));
  }

  private Uni<JobView> read(String id, TenantScope scope) {
    // ticks run on a worker thread: Hibernate Reactive needs a Vert.x context of its own for each
    // read
    return Uni.createFrom()
        .item(
            () -> {
              try {
                return VertxContextSupport.<JobView>subscribeAndAwait(
                    () -> jobs.find(id, scope).map(JobView::of));
              } catch (Throwable e) {
                throw new IllegalStateException("cannot read job " + id, e);
              }
            })
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
  }

  static boolean isTerminal(JobView view) {
    return switch (view.status()) {
      case HALTED, COMPLETED, FAILED, CANCELLED -> true;
      default -> false;
    };
  }
}
