package io.lethe.unlearning.loss;

/**
 * Which divergence to uniform the ME forget term minimises (methods.md §1.3 discrepancy note). Both
 * vanish exactly at the uniform distribution but have different gradients away from it.
 */
public enum MeForm {
  /**
   * The released code: {@code KL(U‖p) = Σ_v (1/V)(log(1/V) − log(p_v + 1e−12))}; gradient w.r.t.
   * the logits {@code p − 1/V}. Default.
   */
  KL_U_P,
  /**
   * The paper: {@code KL(p‖U) = log V − H(p)} (entropy maximisation); gradient {@code p ⊙ (log p +
   * H(p))}.
   */
  KL_P_U
}
