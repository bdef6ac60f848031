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
 */
public record DatasetRef(
    String source,
    String path,
    String split,
    Long seed,
    Integer authors,
    Integer questionsPerAuthor,
    String trainOn) {}
