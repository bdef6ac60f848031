package io.lethe.orchestrator.rest.validation;

import io.lethe.orchestrator.config.CheckpointsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link CheckpointLocation} against the configured checkpoint root. */
@ApplicationScoped
public class CheckpointLocationValidator
    implements ConstraintValidator<CheckpointLocation, String> {

  // looked up per use: Hibernate Validator creates its validators at static init, before config
  // mappings exist
  private final Instance<CheckpointsConfig> config;

  public CheckpointLocationValidator(Instance<CheckpointsConfig> config) {
    this.config = config;
  }

  @Override
  public boolean isValid(String uri, ConstraintValidatorContext context) {
    return uri == null
        || Violations.report(context, Locations.checkpointProblem(uri, config.get().root()));
  }
}
