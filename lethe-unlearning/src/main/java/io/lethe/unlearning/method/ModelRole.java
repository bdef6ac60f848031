package io.lethe.unlearning.method;

/** Which copy of the model a forward pass runs on (methods.md §1.4). */
public enum ModelRole {
  /** The model being unlearned: its forwards record gradients. */
  TRAINED,
  /** The frozen starting checkpoint (NPO, DPO, KL): forwards run without gradient recording. */
  REFERENCE
}
