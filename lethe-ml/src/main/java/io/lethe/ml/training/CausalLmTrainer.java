package io.lethe.ml.training;

import io.lethe.data.encoding.EncodedExample;
import io.lethe.ml.model.LlamaModel;
import io.lethe.ml.model.TokenBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * Fine-tuning a causal LM on encoded examples with HF's objective: per micro-batch the token-mean
 * NLL of its answer labels (methods.md §0.3), averaged over the micro-batches of one optimizer step
 * (gradient accumulation), AdamW with the linear warm-up/decay schedule.
 */
public final class CausalLmTrainer {

  private final LlamaModel model;
  private final TrainStep trainStep;

  /** A trainer that updates {@code model} in place. */
  public CausalLmTrainer(
      LlamaModel model, AdamWConfig adamW, LinearWarmupDecaySchedule schedule, double maxGradNorm) {
    this.model = model;
    this.trainStep = new TrainStep(model, new AdamW(model, adamW), schedule, maxGradNorm);
  }

  /**
   * The objective of one micro-batch: HF mean NLL (padding trimmed: it cannot change a scored
   * position).
   */
  public static Objective meanNll(List<EncodedExample> microBatch) {
    return (m, manager) -> {
      TokenBatch batch = TokenBatch.of(microBatch, m.config().padId(), true, manager);
      return CausalLmLoss.meanNll(
          m.forward(batch.inputIds(), batch.attentionMask(), null, null), batch);
    };
  }

  /** One optimizer step over {@code microBatches} (effective batch = their union). */
  public StepResult trainStep(List<List<EncodedExample>> microBatches) {
    List<Objective> objectives = new ArrayList<>(microBatches.size());
    for (List<EncodedExample> mb : microBatches) {
      objectives.add(meanNll(mb));
    }
    return trainStep.run(objectives);
  }

  /**
   * One optimizer step over {@code batch} split into micro-batches of at most {@code
   * microBatchSize}.
   */
  public StepResult trainStep(List<EncodedExample> batch, int microBatchSize) {
    List<List<EncodedExample>> micro = new ArrayList<>();
    for (int i = 0; i < batch.size(); i += microBatchSize) {
      micro.add(batch.subList(i, Math.min(batch.size(), i + microBatchSize)));
    }
    return trainStep(micro);
  }

  /** The model being trained. */
  public LlamaModel model() {
    return model;
  }

  /** The optimizer, whose state a checkpoint stores for an exact resume. */
  public AdamW optimizer() {
    return trainStep.optimizer();
  }
}
