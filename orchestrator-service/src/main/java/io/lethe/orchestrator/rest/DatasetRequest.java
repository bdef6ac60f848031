package io.lethe.orchestrator.rest;

import io.lethe.orchestrator.rest.validation.DatasetLocation;
import io.lethe.orchestrator.rest.validation.TaskWithinData;
import io.lethe.schemas.domain.DatasetRef;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The data of a job: the built-in fictitious-author generator (default) or TOFU-format files.
 *
 * @param source {@code builtin} or {@code tofu}
 * @param path directory of TOFU-format files (tofu only): a normalised absolute path, inside {@code
 *     lethe.datasets.allowed-roots} when that is set
 * @param split {@code forget01}, {@code forget05} or {@code forget10}
 * @param seed generator seed (builtin)
 * @param authors generated authors (builtin)
 * @param questionsPerAuthor questions per generated author (builtin)
 * @param trainOn FINETUNE: {@code full} (target model, default) or {@code retain} (retain reference
 *     model)
 * @param task continual unlearning: which disjoint block of rows to forget (default 1, the split's
 *     usual forget set; see {@code DatasetRef#task} for the rule). For built-in data a task beyond
 *     the data is refused here; for TOFU files, whose size only the trainer knows, the job fails
 *     with the trainer's reason.
 */
@TaskWithinData
public record DatasetRequest(
    @NotNull @Pattern(regexp = "builtin|tofu", message = "source must be builtin or tofu")
        String source,
    @Size(max = 1024, message = "must be at most 1024 characters") @DatasetLocation String path,
    @NotNull
        @Pattern(
            regexp = "forget01|forget05|forget10",
            message = "split must be forget01, forget05 or forget10")
        String split,
    Long seed,
    @Min(value = 1, message = "must be an integer in [1, 2000]")
        @Max(value = 2000, message = "must be an integer in [1, 2000]")
        Integer authors,
    @Min(value = 1, message = "must be an integer in [1, 100]")
        @Max(value = 100, message = "must be an integer in [1, 100]")
        Integer questionsPerAuthor,
    @Pattern(regexp = "full|retain", message = "trainOn must be full or retain") String trainOn,
    @Min(value = 1, message = "must be an integer in [1, 10000]")
        @Max(value = 10000, message = "must be an integer in [1, 10000]")
        Integer task) {

  /**
   * TOFU data needs a directory (what it may be is {@link DatasetLocation}'s rule); builtin none.
   */
  @AssertTrue(message = "source tofu needs a path; source builtin takes none")
  public boolean isPathGiven() {
    return "tofu".equals(source) ? path != null : path == null;
  }

  DatasetRef toRef() {
    return new DatasetRef(source, path, split, seed, authors, questionsPerAuthor, trainOn, task);
  }
}
