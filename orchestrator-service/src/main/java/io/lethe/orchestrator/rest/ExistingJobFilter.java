package io.lethe.orchestrator.rest;

import io.lethe.orchestrator.auth.Callers;
import io.lethe.orchestrator.service.JobService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Looks up the job of an {@link ExistingJob} endpoint first: a missing job, or one of another
 * tenant, is a 404 problem. Runs after the endpoint's role check, so an unauthenticated caller
 * learns nothing about which jobs exist.
 */
public class ExistingJobFilter {

  private final JobService jobs;
  private final Callers callers;

  public ExistingJobFilter(JobService jobs, Callers callers) {
    this.jobs = jobs;
    this.callers = callers;
  }

  @ServerRequestFilter
  @ExistingJob
  public Uni<Void> requireJob(UriInfo uri) {
    // a failure (JobNotFoundException, TenantClaimException) is answered by ProblemMappers
    return callers
        .scope()
        .flatMap(scope -> jobs.find(uri.getPathParameters().getFirst("id"), scope))
        .replaceWithVoid();
  }
}
