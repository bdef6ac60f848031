package io.lethe.metrics.text;

/**
 * Precision, recall and F-measure of one ROUGE comparison, as {@code rouge_score.scoring.Score}.
 *
 * @param precision overlap / prediction length
 * @param recall overlap / target length (the number TOFU reports)
 * @param fmeasure harmonic mean of the two (0 when both are 0)
 */
public record RougeScore(double precision, double recall, double fmeasure) {

  /** The score of an empty target or prediction. */
  public static final RougeScore ZERO = new RougeScore(0, 0, 0);
}
