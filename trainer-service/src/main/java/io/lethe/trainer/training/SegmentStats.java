package io.lethe.trainer.training;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a trained segment reports in its checkpoint event and in the benchmark.
 *
 * @param steps optimizer steps trained
 * @param meanLossTerms each loss term's mean over the segment's steps
 * @param lastGradNorm global gradient norm of the last step (before clipping)
 * @param tokens real tokens the trained model read
 * @param trainedPositions positions the trained model computed (forward + backward)
 * @param referencePositions positions the frozen reference model computed (forward only)
 * @param seconds wall time of the steps
 */
public record SegmentStats(
    int steps,
    Map<String, Double> meanLossTerms,
    double lastGradNorm,
    long tokens,
    long trainedPositions,
    long referencePositions,
    double seconds) {

  public SegmentStats {
    meanLossTerms = Collections.unmodifiableMap(new LinkedHashMap<>(meanLossTerms));
  }
}
