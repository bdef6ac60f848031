package io.lethe.orchestrator.rest.validation;

import io.lethe.orchestrator.config.DatasetsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.List;

/** Checks {@link DatasetLocation} against the configured dataset roots. */
@ApplicationScoped
public class DatasetLocationValidator implements ConstraintValidator<DatasetLocation, String> {

  // looked up per use: Hibernate Validator creates its validators at static init, before config
  // mappings exist
  private final Instance<DatasetsConfig> config;

  public DatasetLocationValidator(Instance<DatasetsConfig> config) {
    this.config = config;
  }

  @Override
  public boolean isValid(String path, ConstraintValidatorContext context) {
    return path == null
        || Violations.report(
            context, Locations.datasetProblem(path, config.get().allowedRoots().orElse(List.of())));
  }
}
