package io.lethe.unlearning;

/**
 * The five example slots of closer-look's per-item training sample (methods.md §1.2), in sail-sg's
 * order. Each unlearning method reads only some of them, so only those are encoded and forwarded.
 */
public enum Slot {
  /**
   * Slot 0: the forget question with its true answer (prompt masked unless the method says not).
   */
  FORGET,
  /** Slot 1: the paired retain question with its true answer. */
  RETAIN,
  /** Slot 2: the forget question with a refusal ("I don't know") answer. */
  FORGET_IDK,
  /** Slot 3: the retain question with the same refusal answer. */
  RETAIN_IDK,
  /** Slot 4: the forget question with the retain answer (LLMU only). */
  FORGET_MISMATCH
}
