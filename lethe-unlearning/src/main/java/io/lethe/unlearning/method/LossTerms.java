package io.lethe.unlearning.method;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The named loss terms of one unlearning step: what the trainer back-propagates ({@link #total})
 * and what it reports per term in its checkpoint statistics. Scalars, still attached to the
 * autograd graph of the step.
 *
 * @param forget L_f
 * @param retain L_r (0 without a regulariser)
 * @param total {@code c_f·L_f + c_r·L_r} (switched off entirely by likelihood capping when no
 *     forget sample is under the cap)
 * @param trainedForwards forward passes of the trained model this step ran
 * @param referenceForwards forward passes of the reference model this step ran
 */
public record LossTerms(
    NDArray forget, NDArray retain, NDArray total, int trainedForwards, int referenceForwards) {

  /** Key of L_f in {@link #named()}. */
  public static final String FORGET = "forget";

  /** Key of L_r in {@link #named()}. */
  public static final String RETAIN = "retain";

  /** Key of the total in {@link #named()}. */
  public static final String TOTAL = "total";

  public LossTerms {
    Objects.requireNonNull(forget, "forget");
    Objects.requireNonNull(retain, "retain");
    Objects.requireNonNull(total, "total");
  }

  /** The terms by name, in the order forget, retain, total. */
  public Map<String, NDArray> named() {
    Map<String, NDArray> m = new LinkedHashMap<>();
    m.put(FORGET, forget);
    m.put(RETAIN, retain);
    m.put(TOTAL, total);
    return m;
  }

  /** The terms' current values by name (host copies, for logging and step statistics). */
  public Map<String, Double> values() {
    Map<String, Double> m = new LinkedHashMap<>();
    named().forEach((k, v) -> m.put(k, (double) v.getFloat()));
    return m;
  }
}
