package io.lethe.unlearning.method;

import static io.lethe.unlearning.method.Forward.reference;
import static io.lethe.unlearning.method.Forward.trained;

import io.lethe.unlearning.Slot;
import java.util.List;
import java.util.Set;

/**
 * The forget term L_f of a method (methods.md §1.3, §2.3), with the forward passes it needs. The
 * first five are closer-look's, in the order sail-sg's substring dispatch tries them.
 */
public enum ForgetTerm {
  /** Gradient ascent: {@code −M_θ(forget)}. */
  GA("GA", Set.of(trained(Slot.FORGET))),
  /** Negative preference optimisation against the reference on the forget answers. */
  NPO("NPO", Set.of(trained(Slot.FORGET), reference(Slot.FORGET))),
  /** DPO with the refusal preferred over the true forget answer, against the reference. */
  DPO(
      "DPO",
      Set.of(
          trained(Slot.FORGET),
          trained(Slot.FORGET_IDK),
          reference(Slot.FORGET),
          reference(Slot.FORGET_IDK))),
  /** Maximum entropy: next-token distributions on the forget example toward uniform. */
  ME("ME", Set.of(trained(Slot.FORGET))),
  /** Fine-tune on refusals: {@code M_θ(forget_idk)}. */
  IDK("IDK", Set.of(trained(Slot.FORGET_IDK))),
  /** Likelihood-capped GA ({@code only_fgt}, Unlearning with Control). */
  CAPPED_GA("CAPPED_GA", Set.of(trained(Slot.FORGET)));

  /** sail-sg's {@code get_loss} tries these substrings in this order; the first match wins. */
  static final List<ForgetTerm> SUBSTRING_DISPATCH_ORDER = List.of(GA, NPO, DPO, ME, IDK);

  private final String code;
  private final Set<Forward> forwards;

  ForgetTerm(String code, Set<Forward> forwards) {
    this.code = code;
    this.forwards = forwards;
  }

  /** The token of the term in a method name ({@code NPO} in {@code NPO+GD}). */
  public String code() {
    return code;
  }

  /** The forward passes this term reads. */
  public Set<Forward> forwards() {
    return forwards;
  }
}
