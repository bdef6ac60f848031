package io.lethe.orchestrator.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Continual unlearning (closer-look §1.5): this job starts from the result of job {@code after}
 * once that job has ended; jobs on one lineage therefore run in order, each from the previous
 * result.
 *
 * @param after id of the job this one follows
 * @param reference {@code moving} (default: the reference model is the previous task's result,
 *     sail-sg's {@code fix_ref_model=false}) or {@code fixed} (the original model of the lineage)
 */
public record ContinualRequest(
    @NotNull(message = "continual.after is required")
        @Pattern(
            regexp = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
            message = "continual.after must be a job id")
        String after,
    @Pattern(regexp = "moving|fixed", message = "continual.reference must be moving or fixed")
        String reference) {

  public boolean fixed() {
    return "fixed".equals(reference);
  }
}
