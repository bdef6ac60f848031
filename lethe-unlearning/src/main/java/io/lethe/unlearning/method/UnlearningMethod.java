package io.lethe.unlearning.method;

import io.lethe.unlearning.Slot;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An unlearning method = a forget term and a regulariser, total {@code L = c_f·L_f + c_r·L_r}
 * (methods.md §1.3). Parsed from the papers' names with closer-look's exact dispatch rules, so a
 * name means here what it means in sail-sg's {@code trainer/losses.py::get_loss}.
 *
 * @param forget the forget term L_f
 * @param regularizer the retain-side term L_r
 */
public record UnlearningMethod(ForgetTerm forget, Regularizer regularizer) {

  /** The 15 closer-look method names plus LLMU (methods.md §1.1). */
  public static final List<String> CLOSER_LOOK_NAMES =
      List.of(
          "GA", "GA+GD", "GA+KL", "NPO", "NPO+GD", "NPO+KL", "ME", "ME+GD", "IDK", "IDK+GD",
          "IDK+KL", "IDK+AP", "DPO", "DPO+GD", "DPO+KL", "LLMU");

  /** Unlearning with Control's likelihood-capped GA, alone ({@code only_fgt}) and with GD. */
  public static final List<String> CAPPED_NAMES = List.of("CAPPED_GA", "CAPPED_GA+GD");

  private static final String LLMU = "LLMU";
  private static final String CAPPED_PREFIX = "CAPPED_";

  public UnlearningMethod {
    Objects.requireNonNull(forget, "forget");
    Objects.requireNonNull(regularizer, "regularizer");
    if (forget == ForgetTerm.CAPPED_GA
        && regularizer != Regularizer.NONE
        && regularizer != Regularizer.GD) {
      throw new IllegalArgumentException(
          "likelihood-capped GA exists alone or with GD (ocr_ce), not with " + regularizer);
    }
    if (regularizer == Regularizer.MISMATCH_KL && forget != ForgetTerm.GA) {
      throw new IllegalArgumentException("the LLMU regulariser goes with GA only");
    }
  }

  /**
   * The method a name denotes.
   *
   * <p>closer-look names follow sail-sg's substring dispatch exactly (case-sensitive): the forget
   * term is the <em>first</em> of GA, NPO, DPO, ME, IDK contained anywhere in the name, the
   * regulariser the first of GD, KL, AP contained in it, else none; {@code LLMU} (exact) is GA with
   * {@code M(forget_mismatch) + KL}. So {@code NPO+KL} is NPO with KL, {@code IDK} has no
   * regulariser ("IDK" contains no "KL"), and a name such as {@code ME+GA} means GA alone.
   *
   * <p>Unlearning with Control's capped GA is matched before the dispatch (its name contains "GA"):
   * {@code CAPPED_GA} (alias {@code only_fgt}) and {@code CAPPED_GA+GD} (alias {@code ocr_ce}); any
   * other {@code CAPPED_} name is rejected.
   *
   * @throws IllegalArgumentException if no forget term is named (sail-sg would crash on it)
   */
  public static UnlearningMethod parse(String name) {
    Objects.requireNonNull(name, "name");
    if (name.equals(LLMU)) {
      return new UnlearningMethod(ForgetTerm.GA, Regularizer.MISMATCH_KL);
    }
    if (name.equals("CAPPED_GA") || name.equals("only_fgt")) {
      return new UnlearningMethod(ForgetTerm.CAPPED_GA, Regularizer.NONE);
    }
    if (name.equals("CAPPED_GA+GD") || name.equals("ocr_ce")) {
      return new UnlearningMethod(ForgetTerm.CAPPED_GA, Regularizer.GD);
    }
    if (name.contains(CAPPED_PREFIX)) {
      throw new IllegalArgumentException(
          "unknown capped method '" + name + "', expected one of " + CAPPED_NAMES);
    }
    ForgetTerm forget = null;
    for (ForgetTerm candidate : ForgetTerm.SUBSTRING_DISPATCH_ORDER) {
      if (name.contains(candidate.code())) {
        forget = candidate;
        break;
      }
    }
    if (forget == null) {
      throw new IllegalArgumentException(
          "method name '" + name + "' names no forget term (GA, NPO, DPO, ME, IDK)");
    }
    Regularizer regularizer = Regularizer.NONE;
    for (Regularizer candidate : Regularizer.SUBSTRING_DISPATCH_ORDER) {
      if (name.contains(candidate.code())) {
        regularizer = candidate;
        break;
      }
    }
    return new UnlearningMethod(forget, regularizer);
  }

  /** The canonical name ({@code NPO+GD}, {@code LLMU}, {@code CAPPED_GA+GD}). */
  public String name() {
    if (regularizer == Regularizer.MISMATCH_KL) {
      return LLMU;
    }
    return regularizer == Regularizer.NONE
        ? forget.code()
        : forget.code() + "+" + regularizer.code();
  }

  /** Every forward pass a step of this method runs: forget term's first, then the regulariser's. */
  public Set<Forward> forwards() {
    Set<Forward> all = new LinkedHashSet<>(forget.forwards());
    all.addAll(regularizer.forwards());
    return Collections.unmodifiableSet(all);
  }

  /** Forward passes of the trained model per step (each also costs a backward pass). */
  public int trainedForwardCount() {
    return countOf(ModelRole.TRAINED);
  }

  /** Forward passes of the frozen reference model per step. */
  public int referenceForwardCount() {
    return countOf(ModelRole.REFERENCE);
  }

  /** Whether a reference model must be loaded (NPO, DPO, KL, LLMU). */
  public boolean needsReference() {
    return referenceForwardCount() > 0;
  }

  /** The batch slots to encode. */
  public Set<Slot> slots() {
    Set<Slot> slots = EnumSet.noneOf(Slot.class);
    for (Forward f : forwards()) {
      slots.add(f.slot());
    }
    return Collections.unmodifiableSet(slots);
  }

  /**
   * Whether trailing padding may be trimmed from every slot without changing the loss (false when a
   * term reads all positions: KL's value depends on the padded length).
   */
  public boolean trimmingPreservesLoss() {
    return !regularizer.readsAllPositions();
  }

  /**
   * The slots that must keep the padded length (KL's retain slot); every other slot is trimmed to
   * its longest example, which for KL methods saves most of the forget-side forwards at L = 500.
   */
  public Set<Slot> untrimmedSlots() {
    return regularizer.fullLengthSlots();
  }

  @Override
  public String toString() {
    return name();
  }

  private int countOf(ModelRole role) {
    int n = 0;
    for (Forward f : forwards()) {
      if (f.role() == role) {
        n++;
      }
    }
    return n;
  }
}
