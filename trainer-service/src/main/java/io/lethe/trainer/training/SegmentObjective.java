package io.lethe.trainer.training;

import io.lethe.ml.training.Objective;
import java.util.List;

/**
 * What one kind of segment optimises: for each optimizer step, the micro-batch objectives of its
 * batch (chosen by {@link SampleOrder}), each reporting its loss terms to the step's {@link
 * StepTally}.
 */
public interface SegmentObjective {

  /** {@code FINETUNE} or the unlearning method's canonical name (metrics tag and lineage). */
  String methodName();

  /** The loss terms the objective reports, in the order the failure guard checks them. */
  List<String> terms();

  /** The micro-batch objectives of optimizer step {@code step} (1-based). */
  List<Objective> step(long step, StepTally tally);
}
