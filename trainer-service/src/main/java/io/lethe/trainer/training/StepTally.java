package io.lethe.trainer.training;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the micro-batches of one optimizer step report while they run: their loss terms (the
 * optimizer only sees the total) and how many tokens each model read, for the checkpoint's
 * statistics, the failure guard and the throughput figures.
 */
public final class StepTally {

  private final Map<String, double[]> sums = new LinkedHashMap<>();
  private int microBatches;
  private long tokens;
  private long trainedPositions;
  private long referencePositions;

  /**
   * Records one micro-batch.
   *
   * @param terms its loss terms by name
   * @param realTokens non-padding tokens the trained model read
   * @param trained positions the trained model computed (B·L per forward, padding included)
   * @param reference positions the frozen reference model computed
   */
  public void add(Map<String, Double> terms, long realTokens, long trained, long reference) {
    microBatches++;
    terms.forEach((name, value) -> sums.computeIfAbsent(name, n -> new double[1])[0] += value);
    tokens += realTokens;
    trainedPositions += trained;
    referencePositions += reference;
  }

  /**
   * Each term's mean over the micro-batches: the effective objective of the step (methods.md §0.3).
   */
  public Map<String, Double> means() {
    Map<String, Double> out = new LinkedHashMap<>();
    sums.forEach((name, sum) -> out.put(name, sum[0] / microBatches));
    return out;
  }

  /** Real tokens read by the trained model. */
  public long tokens() {
    return tokens;
  }

  /** Positions computed by the trained model (forward and backward). */
  public long trainedPositions() {
    return trainedPositions;
  }

  /** Positions computed by the reference model (forward only). */
  public long referencePositions() {
    return referencePositions;
  }
}
