package io.lethe.orchestrator.rest.validation;

import jakarta.validation.ConstraintValidatorContext;
import java.util.Optional;

/** Turns a rule's reason into the message of a constraint violation. */
final class Violations {

  private Violations() {}

  /** Reports {@code problem} as the violation's message; returns whether there was none. */
  static boolean report(ConstraintValidatorContext context, Optional<String> problem) {
    if (problem.isEmpty()) {
      return true;
    }
    context.disableDefaultConstraintViolation();
    context.buildConstraintViolationWithTemplate(escape(problem.get())).addConstraintViolation();
    return false;
  }

  /** Message templates interpolate {…} and ${…}: a configured path must stay literal text. */
  private static String escape(String message) {
    return message
        .replace("\\", "\\\\")
        .replace("{", "\\{")
        .replace("}", "\\}")
        .replace("$", "\\$");
  }
}
