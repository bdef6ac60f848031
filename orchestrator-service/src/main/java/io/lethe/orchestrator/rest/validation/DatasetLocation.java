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
 * A TOFU dataset directory the trainer and generator may open ({@link Locations#datasetProblem});
 * null is valid (whether one is required depends on the dataset's source).
 */
@Retention(RUNTIME)
@Target({FIELD, PARAMETER, RECORD_COMPONENT})
@Constraint(validatedBy = DatasetLocationValidator.class)
public @interface DatasetLocation {

  String message() default "is not a dataset location the services may open";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
