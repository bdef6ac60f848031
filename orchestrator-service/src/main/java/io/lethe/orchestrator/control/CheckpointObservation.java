package io.lethe.orchestrator.control;

import java.util.Map;

/**
 * What the controller knows of one checkpoint of a job.
 *
 * @param step optimizer step (0 = the starting model)
 * @param sha256 SHA-256 of its weights
 * @param parentSha256 SHA-256 of the checkpoint it was trained from (null for step 0)
 * @param lossTerms mean loss per term over the segment
 * @param gradNorm global gradient norm of the segment's last step
 * @param mixAlpha α when the checkpoint is a mixed model, else null
 */
public record CheckpointObservation(
    int step,
    String sha256,
    String parentSha256,
    Map<String, Double> lossTerms,
    Double gradNorm,
    Double mixAlpha) {

  /** Whether this is a mixed model produced during a MIX search. */
  public boolean isMix() {
    return mixAlpha != null;
  }
}
