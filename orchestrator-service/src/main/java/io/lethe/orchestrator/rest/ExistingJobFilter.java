package io.lethe.orchestrator.rest;

import io.lethe.orchestrator.service.JobService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Looks up the job of an {@link ExistingJob} endpoint first: a missing job is a 404 problem. */
public class ExistingJobFilter {

  private final JobService jobs;

  public ExistingJobFilter(JobService jobs) {
    this.jobs = jobs;
  }

  @ServerRequestFilter
  @ExistingJob
  public Uni<Void> requireJob(UriInfo uri) {
    // a failure (JobNotFoundException) is answered by ProblemMappers
    return jobs.find(uri.getPathParameters().getFirst("id")).replaceWithVoid();
  }
}
