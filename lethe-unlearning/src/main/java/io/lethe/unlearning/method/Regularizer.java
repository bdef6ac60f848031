package io.lethe.unlearning.method;

import static io.lethe.unlearning.method.Forward.reference;
import static io.lethe.unlearning.method.Forward.trained;

import io.lethe.unlearning.Slot;
import java.util.List;
import java.util.Set;

/**
 * The retain-side term L_r of a method (methods.md §1.3), with the forward passes it needs. GD, KL
 * and AP are closer-look's, in the order sail-sg's substring dispatch tries them.
 */
public enum Regularizer {
  /** No regulariser: L_r = 0. */
  NONE("", Set.of()),
  /** {@code M_θ(retain)}. */
  GD("GD", Set.of(trained(Slot.RETAIN))),
  /** {@code KL(ref‖θ)} on the retain batch, all positions, batchmean over B·L. */
  KL("KL", Set.of(trained(Slot.RETAIN), reference(Slot.RETAIN))),
  /** Answer preservation: prefer the true retain answer over the refusal. */
  AP("AP", Set.of(trained(Slot.RETAIN), trained(Slot.RETAIN_IDK))),
  /** sail-sg's LLMU regulariser: {@code M_θ(forget_mismatch) + KL(ref‖θ)} on retain. */
  MISMATCH_KL(
      "", Set.of(trained(Slot.FORGET_MISMATCH), trained(Slot.RETAIN), reference(Slot.RETAIN)));

  /** sail-sg's {@code get_loss} tries these substrings in this order; the first match wins. */
  static final List<Regularizer> SUBSTRING_DISPATCH_ORDER = List.of(GD, KL, AP);

  private final String code;
  private final Set<Forward> forwards;

  Regularizer(String code, Set<Forward> forwards) {
    this.code = code;
    this.forwards = forwards;
  }

  /**
   * The token of the regulariser in a method name ({@code GD} in {@code NPO+GD}); empty if none.
   */
  public String code() {
    return code;
  }

  /** The forward passes this regulariser reads. */
  public Set<Forward> forwards() {
    return forwards;
  }

  /**
   * Whether the term reads every position, padding included (KL): its value then depends on the
   * padded length, so the slot it reads must not be trimmed.
   */
  public boolean readsAllPositions() {
    return this == KL || this == MISMATCH_KL;
  }

  /**
   * The slots this term reads at every position (KL's retain slot): they keep the padded length L,
   * while every other slot can drop its trailing padding without changing any loss.
   */
  public Set<Slot> fullLengthSlots() {
    return readsAllPositions() ? Set.of(Slot.RETAIN) : Set.of();
  }
}
