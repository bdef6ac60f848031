package io.lethe.data.sampling;

import io.lethe.data.QaPair;
import java.util.List;

/**
 * The five question/answer pairs closer-look trains on for one forget item (methods.md §1.2).
 * Encode slot 0 with the method's {@code mask} setting (false only for ME+GD) and every other slot
 * with the prompt masked.
 *
 * @param index the forget item index {@code idx}
 * @param retainIndex the retain partner {@code r}
 * @param refusalIndex the refusal template {@code k}
 * @param forget slot 0: {@code (F[idx].q, F[idx].a)}
 * @param retain slot 1: {@code (R[r].q, R[r].a)}
 * @param forgetIdk slot 2: {@code (F[idx].q, IDK[k])}
 * @param retainIdk slot 3: {@code (R[r].q, IDK[k])}
 * @param forgetMismatch slot 4: {@code (F[idx].q, R[r].a)}, only used by LLMU
 */
public record ForgetSample(
    int index,
    int retainIndex,
    int refusalIndex,
    QaPair forget,
    QaPair retain,
    QaPair forgetIdk,
    QaPair retainIdk,
    QaPair forgetMismatch) {

  /**
   * The five slots in sail-sg's order (forget, retain, forget_idk, retain_idk, forget_mismatch).
   */
  public List<QaPair> slots() {
    return List.of(forget, retain, forgetIdk, retainIdk, forgetMismatch);
  }
}
