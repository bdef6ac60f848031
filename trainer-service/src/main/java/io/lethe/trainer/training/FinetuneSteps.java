package io.lethe.trainer.training;

import ai.djl.ndarray.NDArray;
import io.lethe.data.QaPair;
import io.lethe.data.encoding.EncodedExample;
import io.lethe.data.encoding.ExampleEncoder;
import io.lethe.ml.training.Objective;
import io.lethe.unlearning.BatchTensors;
import io.lethe.unlearning.method.FinetuneObjective;
import io.lethe.unlearning.method.LossTerms;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * FINETUNE segments: HF's token-mean NLL of the answers (methods.md §0.2–0.3, §3.1) over the job's
 * training rows in {@link SampleOrder}, each micro-batch with its trailing padding trimmed (causal
 * attention: it cannot change a scored position).
 */
public final class FinetuneSteps implements SegmentObjective {

  /** The name FINETUNE segments carry in metrics and lineage. */
  public static final String METHOD = "FINETUNE";

  private final List<QaPair> rows;
  private final ExampleEncoder encoder;
  private final int maxLength;
  private final int microBatch;
  private final SampleOrder order;
  private final EncodedExample[] encoded;

  /**
   * @param rows the training rows (one epoch)
   * @param encoder the model family's §0.2 encoder
   * @param hyperparameters batch sizes and L
   * @param seed the job's seed (sample order)
   */
  public FinetuneSteps(
      List<QaPair> rows,
      ExampleEncoder encoder,
      ResolvedHyperparameters hyperparameters,
      long seed) {
    this.rows = List.copyOf(rows);
    this.encoder = encoder;
    this.maxLength = hyperparameters.maxLength();
    this.microBatch = hyperparameters.microBatch();
    this.order = new SampleOrder(seed, this.rows.size(), hyperparameters.effectiveBatch());
    this.encoded = new EncodedExample[this.rows.size()];
  }

  @Override
  public String methodName() {
    return METHOD;
  }

  @Override
  public List<String> terms() {
    return List.of(LossTerms.TOTAL);
  }

  @Override
  public List<Objective> step(long step, StepTally tally) {
    List<Objective> objectives = new ArrayList<>();
    for (int[] micro : MicroBatches.split(order.step(step), microBatch)) {
      List<EncodedExample> examples = new ArrayList<>(micro.length);
      long realTokens = 0;
      for (int i : micro) {
        EncodedExample e = example(i);
        examples.add(e);
        for (int m : e.attentionMask()) {
          realTokens += m;
        }
      }
      long tokens = realTokens;
      objectives.add(
          (model, manager) -> {
            BatchTensors batch = BatchTensors.of(examples, manager, true);
            NDArray loss =
                FinetuneObjective.loss(batch, (ids, mask) -> model.forward(ids, mask, null, null));
            tally.add(
                Map.of(LossTerms.TOTAL, (double) loss.getFloat()),
                tokens,
                (long) batch.batchSize() * batch.length(),
                0);
            return loss;
          });
    }
    return objectives;
  }

  /** Row {@code i} encoded once: the encoding is a pure function of the row. */
  private EncodedExample example(int i) {
    if (encoded[i] == null) {
      encoded[i] = encoder.encode(rows.get(i), maxLength);
    }
    return encoded[i];
  }
}
