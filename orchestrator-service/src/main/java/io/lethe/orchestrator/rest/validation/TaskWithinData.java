package io.lethe.orchestrator.rest.validation;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A dataset's continual {@code task} exists in its data, when the API can know the data's size
 * (built-in data: authors × questions per author). TOFU directories are sized only by their files,
 * which the trainer reads; there a task beyond the data fails the job with the trainer's reason.
 */
@Retention(RUNTIME)
@Target(TYPE)
@Constraint(validatedBy = TaskWithinDataValidator.class)
public @interface TaskWithinData {

  String message() default "task does not exist in this dataset";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
