package io.lethe.stack.results;

import java.util.List;

/**
 * The verdict on one qualitative claim of methods.md §7 with the checks that decided it.
 *
 * @param number the claim's number in §7
 * @param title its short statement
 * @param checks the measurable parts of the claim, each with its criterion and numbers
 */
public record ClaimResult(int number, String title, List<Check> checks) {

  public ClaimResult {
    checks = List.copyOf(checks);
  }

  /**
   * One part of a claim.
   *
   * @param criterion what must be true, with its threshold
   * @param verdict whether it is
   * @param numbers the numbers that decided it
   */
  public record Check(String criterion, Verdict verdict, String numbers) {}

  /** The claim's verdict, combined from its checks. */
  public Verdict verdict() {
    return Verdict.combine(checks.stream().map(Check::verdict).toList());
  }
}
