package io.lethe.unlearning.method;

/**
 * closer-look's three experimental settings, whose scripts use different defaults (methods.md §1.3,
 * §1.5).
 */
public enum Scenario {
  /** TOFU forget01/05/10 from the fine-tuned target model. */
  TOFU_FICTITIOUS,
  /** TOFU tasks unlearned one after another, each from the previous result. */
  CONTINUAL_TOFU,
  /** Real celebrities on Llama-3-8B-Instruct. */
  REAL_WORLD
}
