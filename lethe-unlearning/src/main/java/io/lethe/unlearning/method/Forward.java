package io.lethe.unlearning.method;

import io.lethe.unlearning.Slot;
import java.util.Objects;

/**
 * One forward pass an objective needs: a model copy on a slot's batch. Methods declare theirs so
 * that a step runs exactly those (a reference forward costs as much as a trained one, minus the
 * backward pass).
 *
 * @param role trained or reference model
 * @param slot the batch slot fed to it
 */
public record Forward(ModelRole role, Slot slot) {

  public Forward {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(slot, "slot");
  }

  /** A forward of the trained model on {@code slot}. */
  public static Forward trained(Slot slot) {
    return new Forward(ModelRole.TRAINED, slot);
  }

  /** A forward of the reference model on {@code slot}. */
  public static Forward reference(Slot slot) {
    return new Forward(ModelRole.REFERENCE, slot);
  }
}
