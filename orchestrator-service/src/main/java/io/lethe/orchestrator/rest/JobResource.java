package io.lethe.orchestrator.rest;

import io.lethe.orchestrator.auth.Callers;
import io.lethe.orchestrator.auth.Roles;
import io.lethe.orchestrator.messaging.OutboxRelay;
import io.lethe.orchestrator.report.ReportHtml;
import io.lethe.orchestrator.report.ReportService;
import io.lethe.orchestrator.service.JobLoop;
import io.lethe.orchestrator.service.JobService;
import io.lethe.orchestrator.service.JobSpec;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * The job API: submit a job, list jobs, read one. Every endpoint names the roles it needs (an
 * endpoint without would be denied: {@code quarkus.security.jaxrs.deny-unannotated-endpoints}), and
 * every read goes through the caller's tenant scope.
 */
@Path("/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "jobs")
public class JobResource {

  private final JobService jobs;
  private final JobLoop loop;
  private final ReportService reports;
  private final JobProgress progress;
  private final OutboxRelay outbox;
  private final Callers callers;

  public JobResource(
      JobService jobs,
      JobLoop loop,
      ReportService reports,
      JobProgress progress,
      OutboxRelay outbox,
      Callers callers) {
    this.jobs = jobs;
    this.loop = loop;
    this.reports = reports;
    this.progress = progress;
    this.outbox = outbox;
    this.callers = callers;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.SUBMIT)
  @Operation(summary = "Submit a FINETUNE or UNLEARN job for the tenant the token names")
  public Uni<Response> submit(
      @NotNull(message = "a JSON body is required") @Valid SubmitJobRequest request, UriInfo uri) {
    JobSpec spec = request.toSpec();
    return callers
        .submittingTenant()
        .flatMap(tenant -> jobs.submit(spec, tenant))
        .call(() -> outbox.relayNow())
        .map(
            job ->
                Response.created(uri.getAbsolutePathBuilder().path(job.id.toString()).build())
                    .entity(JobView.of(job))
                    .build());
  }

  @GET
  @RolesAllowed({Roles.VIEW, Roles.ADMIN})
  @Operation(summary = "List the tenant's jobs (an admin: every tenant's), newest first")
  public Uni<List<JobView>> list(
      // a String, so that "limit=abc" is a 400 with a reason (a failed int conversion is a 404)
      @QueryParam("limit")
          @DefaultValue("50")
          @Pattern(
              regexp = "[1-9][0-9]?|[1-4][0-9][0-9]|500",
              message = "limit must be an integer from 1 to 500")
          String limit) {
    return callers
        .scope()
        .flatMap(scope -> jobs.list(Integer.parseInt(limit), scope))
        .map(all -> all.stream().map(JobView::of).toList());
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Roles.VIEW, Roles.ADMIN})
  @Operation(summary = "Read one job: its state, latest evaluation and the controller's decisions")
  public Uni<JobView> get(@PathParam("id") String id) {
    return callers
        .scope()
        .flatMap(scope -> jobs.find(id, scope))
        .flatMap(
            job ->
                jobs.latestEvaluation(job)
                    .flatMap(
                        latest ->
                            jobs.decisions(job)
                                .map(
                                    decisions ->
                                        JobView.detailed(
                                            job,
                                            latest == null ? null : EvaluationView.of(latest),
                                            decisions.stream().map(DecisionView::of).toList()))));
  }

  @POST
  @Path("/{id}/cancel")
  @RolesAllowed({Roles.SUBMIT, Roles.ADMIN})
  @Operation(summary = "Cancel a job that has not ended (an admin: of any tenant)")
  public Uni<JobView> cancel(@PathParam("id") String id) {
    return callers
        .scope()
        .flatMap(scope -> jobs.find(id, scope))
        .chain(job -> loop.cancel(job.id.toString()))
        .call(() -> outbox.relayNow())
        .map(JobView::of);
  }

  @GET
  @Path("/{id}/decisions")
  @RolesAllowed({Roles.VIEW, Roles.ADMIN})
  @Operation(summary = "The controller's decisions on a job, with their inputs (audit trail)")
  public Uni<List<DecisionView>> decisions(@PathParam("id") String id) {
    return callers
        .scope()
        .flatMap(scope -> jobs.decisions(id, scope))
        .map(all -> all.stream().map(DecisionView::of).toList());
  }

  @GET
  @Path("/{id}/evaluations")
  @RolesAllowed({Roles.VIEW, Roles.ADMIN})
  @Operation(summary = "The evaluations of a job's checkpoints")
  public Uni<List<EvaluationView>> evaluations(@PathParam("id") String id) {
    return callers
        .scope()
        .flatMap(scope -> jobs.evaluations(id, scope))
        .map(all -> all.stream().map(EvaluationView::of).toList());
  }

  @GET
  @Path("/{id}/checkpoints")
  @RolesAllowed({Roles.VIEW, Roles.ADMIN})
  @Operation(summary = "The checkpoints of a job and their lineage")
  public Uni<List<CheckpointView>> checkpoints(@PathParam("id") String id) {
    return callers
        .scope()
        .flatMap(scope -> jobs.checkpoints(id, scope))
        .map(all -> all.stream().map(CheckpointView::of).toList());
  }

  @GET
  @Path("/{id}/report")
  @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
  @RolesAllowed({Roles.VIEW, Roles.ADMIN})
  @Operation(
      summary =
          "The job's report: metrics per step, floors, decisions, result (JSON, or HTML with plots)")
  public Uni<Response> report(
      @PathParam("id") String id,
      @QueryParam("format")
          @DefaultValue("")
          @Pattern(
              regexp = "(?i)|json|html",
              message = "format must be json or html (or absent: chosen by the Accept header)")
          String format,
      @jakarta.ws.rs.core.Context jakarta.ws.rs.core.HttpHeaders headers) {
    boolean html =
        format.equalsIgnoreCase("html")
            || (format.isEmpty()
                && headers.getAcceptableMediaTypes().stream()
                    .anyMatch(
                        m -> m.isCompatible(MediaType.TEXT_HTML_TYPE) && !m.isWildcardType()));
    return callers
        .scope()
        .flatMap(scope -> reports.report(id, scope))
        .map(
            r ->
                html
                    ? Response.ok(ReportHtml.render(r), MediaType.TEXT_HTML_TYPE).build()
                    : Response.ok(r, MediaType.APPLICATION_JSON_TYPE).build());
  }

  @GET
  @Path("/{id}/events")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RestStreamElementType(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.VIEW, Roles.ADMIN})
  @Operation(
      summary = "Server-sent progress of a job: its state whenever it changes, until it ends")
  @ExistingJob
  public Multi<JobView> events(@PathParam("id") String id) {
    return callers.scope().onItem().transformToMulti(scope -> progress.follow(id, scope));
  }
}
