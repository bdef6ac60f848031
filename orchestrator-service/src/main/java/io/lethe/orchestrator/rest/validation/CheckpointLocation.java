package io.lethe.orchestrator.rest.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A checkpoint URI the trainer and generator may open ({@link Locations#checkpointProblem}); null
 * is valid (whether one is required is the enclosing request's rule).
 */
@Retention(RUNTIME)
@Target({FIELD, PARAMETER, RECORD_COMPONENT})
@Constraint(validatedBy = CheckpointLocationValidator.class)
public @interface CheckpointLocation {

  String message() default "is not a checkpoint location the services may open";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
