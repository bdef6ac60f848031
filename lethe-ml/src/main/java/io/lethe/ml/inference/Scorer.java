package io.lethe.ml.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.lethe.data.encoding.EncodedExample;
import io.lethe.ml.model.LlamaModel;
import io.lethe.ml.model.TokenBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * Teacher-forced scoring of encoded examples: one forward pass per batch gives, for every sequence,
 * the summed NLL and count over its labelled positions (methods.md §0.3, shift by one), per-token
 * log-probabilities, predictive entropies and argmax predictions. Runs without gradients, in
 * float32, in a sub-manager per batch.
 */
public final class Scorer {

  private final LlamaModel model;
  private final int maxBatchSize;

  /** A scorer over {@code model} that forwards at most {@code maxBatchSize} sequences at once. */
  public Scorer(LlamaModel model, int maxBatchSize) {
    if (maxBatchSize < 1) {
      throw new IllegalArgumentException("maxBatchSize must be ≥ 1");
    }
    this.model = model;
    this.maxBatchSize = maxBatchSize;
  }

  /** Scores of {@code examples}, in order. */
  public List<SequenceScore> score(List<EncodedExample> examples) {
    List<SequenceScore> out = new ArrayList<>(examples.size());
    for (int from = 0; from < examples.size(); from += maxBatchSize) {
      List<EncodedExample> chunk =
          examples.subList(from, Math.min(examples.size(), from + maxBatchSize));
      out.addAll(scoreBatch(chunk));
    }
    return out;
  }

  private List<SequenceScore> scoreBatch(List<EncodedExample> examples) {
    try (NDManager step = model.manager().newSubManager()) {
      // Trimming trailing padding cannot change a scored position (causal attention) and saves most
      // of L = 200/500.
      TokenBatch batch = TokenBatch.of(examples, model.config().padId(), true, step);
      NDArray logits = model.forward(batch.inputIds(), batch.attentionMask(), null, null);
      NDArray logProbs = TokenBatch.shiftedLogSoftmax(logits);
      float[] targetLp = batch.targetLogProbs(logProbs).toFloatArray();
      float[] entropy = logProbs.exp().mul(logProbs).sum(new int[] {-1}).neg().toFloatArray();
      long[] argmax = logProbs.argMax(-1).toLongArray();
      float[] mask = batch.targetMask().toFloatArray();
      int width = batch.length() - 1;
      List<SequenceScore> scores = new ArrayList<>(examples.size());
      for (int i = 0; i < batch.batchSize(); i++) {
        int[] targets = batch.targetIds(i);
        float[] lp = new float[targets.length];
        float[] h = new float[targets.length];
        int[] predicted = new int[targets.length];
        double summed = 0;
        int k = 0;
        for (int t = 0; t < width; t++) {
          int idx = i * width + t;
          if (mask[idx] != 0f) {
            lp[k] = targetLp[idx];
            h[k] = entropy[idx];
            predicted[k] = (int) argmax[idx];
            summed -= targetLp[idx];
            k++;
          }
        }
        scores.add(new SequenceScore(summed, targets.length, lp, h, predicted, targets));
      }
      return scores;
    }
  }
}
