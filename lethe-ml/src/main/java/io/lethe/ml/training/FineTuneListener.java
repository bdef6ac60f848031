package io.lethe.ml.training;

/**
 * Receives each step of a fine-tune as it completes (on the training thread, so it must be quick).
 */
@FunctionalInterface
public interface FineTuneListener {

  /** A listener that ignores every step. */
  FineTuneListener NONE = progress -> {};

  /** Called after optimizer step {@code progress.step()}. */
  void onStep(FineTuneProgress progress);
}
