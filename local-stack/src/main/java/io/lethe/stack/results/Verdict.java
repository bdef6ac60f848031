package io.lethe.stack.results;

/** What a claim check concluded. */
public enum Verdict {
  /** The numbers satisfy the claim's criterion. */
  HELD,
  /** The numbers contradict it. */
  NOT_HELD,
  /** A number the criterion needs was not computed or not run. */
  NOT_MEASURABLE;

  /** {@code held}, {@code not held}, {@code not measurable}. */
  public String text() {
    return switch (this) {
      case HELD -> "held";
      case NOT_HELD -> "not held";
      case NOT_MEASURABLE -> "not measurable";
    };
  }

  /**
   * A claim's verdict from its parts: not held when any part is not held, not measurable when no
   * part could be measured, held otherwise (parts that could not be measured are listed with it).
   */
  public static Verdict combine(Iterable<Verdict> parts) {
    boolean anyHeld = false;
    for (Verdict v : parts) {
      if (v == NOT_HELD) {
        return NOT_HELD;
      }
      anyHeld |= v == HELD;
    }
    return anyHeld ? HELD : NOT_MEASURABLE;
  }
}
