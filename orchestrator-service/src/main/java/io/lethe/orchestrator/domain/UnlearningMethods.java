package io.lethe.orchestrator.domain;

import java.util.List;
import java.util.Set;

/**
 * The unlearning methods Lethe runs: every combination of the papers (methods.md §1.1, §1.3) and
 * the likelihood-capped GA losses of "Unlearning with Control" (§2.3).
 */
public final class UnlearningMethods {

  /** Method names in the papers' {@code FORGET+REG} notation. */
  public static final List<String> ALL =
      List.of(
          "GA",
          "GA+GD",
          "GA+KL",
          "NPO",
          "NPO+GD",
          "NPO+KL",
          "ME",
          "ME+GD",
          "IDK",
          "IDK+GD",
          "IDK+KL",
          "IDK+AP",
          "DPO",
          "DPO+GD",
          "DPO+KL",
          "CAPPED_GA",
          "CAPPED_GA+GD");

  private static final Set<String> KNOWN = Set.copyOf(ALL);

  private UnlearningMethods() {}

  /** Whether {@code method} is one Lethe can run. */
  public static boolean isKnown(String method) {
    return method != null && KNOWN.contains(method);
  }
}
