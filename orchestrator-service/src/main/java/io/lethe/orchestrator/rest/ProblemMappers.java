package io.lethe.orchestrator.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.lethe.orchestrator.auth.TenantClaimException;
import io.lethe.orchestrator.service.JobConflictException;
import io.lethe.orchestrator.service.JobNotFoundException;
import io.lethe.orchestrator.service.UnprocessableJobException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ValidationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.CharConversionException;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure of the API into a problem+json response: bad input is a 4xx with what to fix;
 * only a genuine server fault is a 500, and then without internals.
 */
public class ProblemMappers {

  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
  private static final String BASE = "https://lethe.io/problems/";

  @ServerExceptionMapper
  public Response invalid(ConstraintViolationException e, UriInfo uri) {
    List<Problem.Violation> violations =
        e.getConstraintViolations().stream()
            .map(v -> new Problem.Violation(field(v), v.getMessage()))
            .sorted(Comparator.comparing(Problem.Violation::field))
            .toList();
    return respond(
        new Problem(
            BASE + "invalid-request",
            "Invalid request",
            400,
            violations.size() + " field(s) are invalid",
            uri.getPath(),
            violations));
  }

  // Quarkus maps MismatchedInputException itself (plain JSON); this more specific mapper keeps
  // problem+json.
  @ServerExceptionMapper
  public Response mismatched(MismatchedInputException e, UriInfo uri) {
    return unreadable(e, uri);
  }

  @ServerExceptionMapper
  public Response unreadable(JsonProcessingException e, UriInfo uri) {
    String detail;
    if (e instanceof InvalidFormatException f) {
      detail = "value " + abbreviate(String.valueOf(f.getValue())) + " is not valid for " + path(f);
    } else if (e instanceof UnrecognizedPropertyException u) {
      detail =
          "unknown field "
              + path(u)
              + "; known fields here: "
              + u.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
    } else if (e instanceof MismatchedInputException m) {
      detail = "unexpected JSON at " + path(m);
    } else if (causedBy(e, StreamConstraintsException.class)) {
      detail = "the body exceeds the JSON limits (nesting depth, number or string length)";
    } else if (causedBy(e, InputCoercionException.class)) {
      detail = "a number is out of range for its field";
    } else {
      detail = "the body is not valid JSON";
    }
    return malformed(detail, uri);
  }

  @ServerExceptionMapper
  public Response tooLarge(BodySizeInterceptor.BodyTooLargeException e, UriInfo uri) {
    // the rest of the body is left unread: the connection cannot carry another request
    return Response.fromResponse(respond(bodyTooLarge(e.maxBytes, uri.getPath())))
        .header("Connection", "close")
        .build();
  }

  /** Bytes that are not text in any encoding JSON allows (Jackson's UTF-32 detection). */
  @ServerExceptionMapper
  public Response undecodable(CharConversionException e, UriInfo uri) {
    return malformed("the body is not UTF-8, UTF-16 or UTF-32 text", uri);
  }

  @ServerExceptionMapper
  public Response notFound(JobNotFoundException e, UriInfo uri) {
    return respond(
        new Problem(
            BASE + "job-not-found", "Job not found", 404, e.getMessage(), uri.getPath(), null));
  }

  // Quarkus answers the three security failures below itself with an empty body; these mappers
  // (more specific than its own) keep every error problem+json.

  /** No token on an endpoint that needs one. */
  @ServerExceptionMapper
  public Response unauthenticated(UnauthorizedException e, UriInfo uri) {
    return unauthorized("a bearer token is required (Authorization: Bearer <JWT>)", "Bearer", uri);
  }

  /**
   * A token that fails verification: malformed, expired, not yet valid, signed by another key, or
   * from another issuer. Which of these is not said: it would help a forger more than a client.
   */
  @ServerExceptionMapper
  public Response badToken(AuthenticationFailedException e, UriInfo uri) {
    LOG.debugf("bearer token refused on %s: %s", uri.getPath(), e.getMessage());
    return unauthorized(
        "the bearer token is invalid or expired", "Bearer error=\"invalid_token\"", uri);
  }

  /** A valid token without a role the endpoint needs. */
  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e, UriInfo uri, ResourceInfo resource) {
    RolesAllowed roles =
        resource.getResourceMethod() == null
            ? null
            : resource.getResourceMethod().getAnnotation(RolesAllowed.class);
    String detail =
        roles == null
            ? "the token lacks a role this needs"
            : "this needs a token with the role " + String.join(" or ", roles.value());
    return respond(new Problem(BASE + "forbidden", "Forbidden", 403, detail, uri.getPath(), null));
  }

  /** A valid token that names no usable tenant. */
  @ServerExceptionMapper
  public Response noTenant(TenantClaimException e, UriInfo uri) {
    return respond(
        new Problem(BASE + "forbidden", "Forbidden", 403, e.getMessage(), uri.getPath(), null));
  }

  @ServerExceptionMapper
  public Response unprocessable(UnprocessableJobException e, UriInfo uri) {
    return respond(
        new Problem(
            BASE + "job-unprocessable",
            "Job cannot be accepted",
            422,
            e.getMessage(),
            uri.getPath(),
            null));
  }

  @ServerExceptionMapper
  public Response conflict(JobConflictException e, UriInfo uri) {
    return respond(
        new Problem(
            BASE + "job-conflict",
            "Conflict with the job's state",
            409,
            e.getMessage(),
            uri.getPath(),
            null));
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e, UriInfo uri) {
    int status = e.getResponse().getStatus();
    Throwable cause = e.getCause();
    if (cause instanceof JsonProcessingException json) {
      return unreadable(json, uri);
    }
    String title =
        Response.Status.fromStatusCode(status) == null
            ? "HTTP " + status
            : Response.Status.fromStatusCode(status).getReasonPhrase();
    return respond(new Problem(BASE + "http-" + status, title, status, title, uri.getPath(), null));
  }

  // a validator that fails (rather than reports a violation) is a server fault; Quarkus's own
  // mapper for it would answer with its error page
  @ServerExceptionMapper
  public Response validatorFailed(ValidationException e, UriInfo uri) {
    return unexpected(e, uri);
  }

  @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
  public Response unexpected(Throwable e, UriInfo uri) {
    LOG.error("unexpected failure serving " + uri.getPath(), e);
    return respond(
        new Problem(
            BASE + "internal",
            "Internal error",
            500,
            "the server could not complete the request; it has been logged",
            uri.getPath(),
            null));
  }

  /** The answer to a body over {@code lethe.api.max-body-size}. */
  static Problem bodyTooLarge(long maxBytes, String path) {
    return new Problem(
        BASE + "body-too-large",
        "Request body too large",
        413,
        "the body exceeds the limit of " + maxBytes + " bytes",
        path,
        null);
  }

  /** RFC 6750: a 401 names the scheme (and, for a refused token, why) in WWW-Authenticate. */
  private static Response unauthorized(String detail, String challenge, UriInfo uri) {
    return Response.fromResponse(
            respond(
                new Problem(
                    BASE + "unauthorized", "Unauthorized", 401, detail, uri.getPath(), null)))
        .header(HttpHeaders.WWW_AUTHENTICATE, challenge)
        .build();
  }

  private static Response malformed(String detail, UriInfo uri) {
    return respond(
        new Problem(
            BASE + "malformed-body", "Malformed request body", 400, detail, uri.getPath(), null));
  }

  /** Jackson wraps a parser's failure in a mapping exception when it happens inside a field. */
  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  /** Echoed input stays short: a megabyte of a wrong value is not repeated back. */
  private static String abbreviate(String value) {
    return value.length() <= 64 ? value : value.substring(0, 64) + "…";
  }

  private static Response respond(Problem problem) {
    return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
  }

  private static String field(ConstraintViolation<?> v) {
    // "submit.request.dataset.split" → "dataset.split": drop the method and parameter names;
    // "list.limit" → "limit": a query parameter is named by itself
    String path = v.getPropertyPath().toString();
    String[] parts = path.split("\\.", 3);
    return parts[parts.length - 1];
  }

  private static String path(MismatchedInputException e) {
    String p =
        e.getPath().stream()
            .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
            .reduce((a, b) -> a + "." + b)
            .orElse("$");
    return p.replace(".[", "[");
  }
}
