package io.lethe.schemas.domain;

/**
 * Teacher-forced score of one answer: summed NLL over its answer tokens (methods.md §0.3 {@code
 * get_batch_loss}) and how many tokens were scored (answer + the EOS target).
 *
 * @param nll summed negative log-likelihood S
 * @param tokens number of scored tokens n
 */
public record AnswerScore(double nll, int tokens) {}
