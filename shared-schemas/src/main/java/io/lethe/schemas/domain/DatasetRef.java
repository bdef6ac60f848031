package io.lethe.schemas.domain;

/**
 * Which data a job trains and evaluates on.
 *
 * @param source {@code builtin} (the seeded fictitious-author generator) or {@code tofu}
 *     (TOFU-format files)
 * @param path directory of TOFU-format files when {@code source = tofu}
 * @param split forget split: {@code forget01}, {@code forget05} or {@code forget10}
 * @param seed generator seed when {@code source = builtin}
 * @param authors number of generated authors when {@code source = builtin}
 * @param questionsPerAuthor questions per generated author when {@code source = builtin}
 * @param trainOn FINETUNE only: {@code full} (the target model, default) or {@code retain} (the
 *     retain reference model that never sees the forget set, for forget quality)
 * @param task continual unlearning: which block of rows this job forgets (default 1, the split's
 *     usual forget set). With c rows per split (1/5/10 % of N rows), task t forgets rows {@code [N
 *     − t·c, N − (t−1)·c)} of {@code full} — disjoint blocks counting back from the last row — and
 *     retains (for GD/KL/AP, or {@code trainOn = retain}) rows {@code [0, N − t·c)}: earlier tasks
 *     are not retained. A task may not reach into the first 10 % of rows (the retain evaluation
 *     set); for TOFU files it must also lie in the last 10 % ({@code forget10_perturbed}, the only
 *     forget rows with perturbed answers). Added after schema version 1; absent means 1.
 */
public record DatasetRef(
    String source,
    String path,
    String split,
    Long seed,
    Integer authors,
    Integer questionsPerAuthor,
    String trainOn,
    Integer task) {

  /** A reference to the split's usual forget set (task 1), as schema version 1 wrote it. */
  public DatasetRef(
      String source,
      String path,
      String split,
      Long seed,
      Integer authors,
      Integer questionsPerAuthor,
      String trainOn) {
    this(source, path, split, seed, authors, questionsPerAuthor, trainOn, null);
  }
}
