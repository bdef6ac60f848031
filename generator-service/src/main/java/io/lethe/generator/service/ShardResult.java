package io.lethe.generator.service;

import io.lethe.schemas.domain.GenerationItem;
import java.util.List;

/**
 * What running one shard produced, with the work it took (for meters and the benchmark line).
 *
 * @param items one generation item per input row, in input order
 * @param generatedTokens tokens produced by greedy generation (0 in a probe)
 * @param generationNanos wall time of generation
 * @param scoredSequences answers scored teacher-forced (gold, paraphrased, perturbed)
 * @param scoredTokens target tokens scored (answer tokens + EOS targets)
 * @param scoringNanos wall time of scoring
 */
public record ShardResult(
    List<GenerationItem> items,
    long generatedTokens,
    long generationNanos,
    int scoredSequences,
    long scoredTokens,
    long scoringNanos) {

  public ShardResult {
    items = List.copyOf(items);
  }
}
