package io.lethe.orchestrator.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem detail ({@code application/problem+json}): what went wrong, for a client to
 * act on — never a stack trace or a class name.
 *
 * @param type URI identifying the kind of problem
 * @param title short, stable summary of that kind
 * @param status HTTP status
 * @param detail what happened in this case
 * @param instance the request path
 * @param violations field-level validation errors, where there are any
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    List<Violation> violations) {

  /** Media type of problem details. */
  public static final String MEDIA_TYPE = "application/problem+json";

  /** One invalid field. */
  public record Violation(String field, String message) {}
}
