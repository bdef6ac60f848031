package io.lethe.orchestrator.rest;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Marks an endpoint whose job ({@code {id}}) must exist before the endpoint runs: a stream's
 * headers go out as soon as it starts, so a stream cannot report a missing job with a 404 itself.
 * See {@link ExistingJobFilter}.
 */
@NameBinding
@Retention(RUNTIME)
@Target({TYPE, METHOD})
public @interface ExistingJob {}
