package io.lethe.schemas.domain;

/** What a segment command asks the trainer to do. */
public enum JobKind {
  /** Train on a dataset split with the NLL loss (builds target and retain reference models). */
  FINETUNE,
  /** Apply an unlearning method (forget term + regulariser, methods.md §1.3, §2.3). */
  UNLEARN,
  /** Mix two checkpoints elementwise: θ = (1 − α)·θ_base + α·θ_other (methods.md §2.4). */
  MIX
}
