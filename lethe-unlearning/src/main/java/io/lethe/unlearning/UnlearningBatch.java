package io.lethe.unlearning;

import ai.djl.ndarray.NDManager;
import io.lethe.data.QaPair;
import io.lethe.data.encoding.EncodedExample;
import io.lethe.data.encoding.ExampleEncoder;
import io.lethe.data.sampling.ForgetSample;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One micro-batch of closer-look training samples (methods.md §1.2) as tensors, one {@link
 * BatchTensors} per slot. Only the slots a method reads are present: encoding and forwarding the
 * others would cost time for nothing.
 */
public final class UnlearningBatch {

  private final Map<Slot, BatchTensors> slots;

  private UnlearningBatch(Map<Slot, BatchTensors> slots) {
    this.slots = Collections.unmodifiableMap(new EnumMap<>(slots));
  }

  /** A batch of the given slot tensors; all slots must have the same batch size B. */
  public static UnlearningBatch of(Map<Slot, BatchTensors> slots) {
    if (slots.isEmpty()) {
      throw new IllegalArgumentException("an unlearning batch needs at least one slot");
    }
    int b = -1;
    for (Map.Entry<Slot, BatchTensors> e : slots.entrySet()) {
      if (b >= 0 && e.getValue().batchSize() != b) {
        throw new IllegalArgumentException(
            "all slots must have the same batch size, " + e.getKey() + " has " + e.getValue());
      }
      b = e.getValue().batchSize();
    }
    return new UnlearningBatch(slots);
  }

  /**
   * Encodes {@code samples} (methods.md §0.2) into the requested slots: {@link Slot#FORGET} with
   * the prompt masked or not ({@code maskForgetPrompt}; sail-sg's {@code mask}, false only for
   * ME+GD), every other slot with the prompt masked.
   *
   * @param maxLength encoded length L (500 for training in closer-look)
   * @param trimTrailingPadding see {@link BatchTensors#of(List, NDManager, boolean)}
   */
  public static UnlearningBatch encode(
      List<ForgetSample> samples,
      ExampleEncoder encoder,
      Set<Slot> wanted,
      boolean maskForgetPrompt,
      int maxLength,
      boolean trimTrailingPadding,
      NDManager manager) {
    return encode(
        samples,
        encoder,
        wanted,
        maskForgetPrompt,
        maxLength,
        trimTrailingPadding ? EnumSet.noneOf(Slot.class) : EnumSet.allOf(Slot.class),
        manager);
  }

  /**
   * As {@link #encode(List, ExampleEncoder, Set, boolean, int, boolean, NDManager)}, trimming
   * trailing padding from every slot except {@code untrimmed} (those a loss reads at every
   * position, see {@link BatchTensors#of(List, NDManager, boolean)}).
   */
  public static UnlearningBatch encode(
      List<ForgetSample> samples,
      ExampleEncoder encoder,
      Set<Slot> wanted,
      boolean maskForgetPrompt,
      int maxLength,
      Set<Slot> untrimmed,
      NDManager manager) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("an unlearning batch needs at least one sample");
    }
    Map<Slot, BatchTensors> tensors = new EnumMap<>(Slot.class);
    for (Slot slot : wanted) {
      boolean maskPrompt = slot != Slot.FORGET || maskForgetPrompt;
      List<EncodedExample> examples = new ArrayList<>(samples.size());
      for (ForgetSample sample : samples) {
        examples.add(encoder.encode(pairOf(sample, slot), maxLength, maskPrompt));
      }
      tensors.put(slot, BatchTensors.of(examples, manager, !untrimmed.contains(slot)));
    }
    return of(tensors);
  }

  /** The tensors of {@code slot}; fails if the batch was built without it. */
  public BatchTensors get(Slot slot) {
    BatchTensors t = slots.get(slot);
    if (t == null) {
      throw new IllegalStateException(
          "slot " + slot + " is not in this batch (present: " + slots.keySet() + ")");
    }
    return t;
  }

  /** Whether {@code slot} is present. */
  public boolean has(Slot slot) {
    return slots.containsKey(slot);
  }

  /** The slots present. */
  public Set<Slot> slots() {
    return slots.keySet();
  }

  /** Number of training samples B (the same in every slot). */
  public int batchSize() {
    return slots.values().iterator().next().batchSize();
  }

  private static QaPair pairOf(ForgetSample sample, Slot slot) {
    return switch (slot) {
      case FORGET -> sample.forget();
      case RETAIN -> sample.retain();
      case FORGET_IDK -> sample.forgetIdk();
      case RETAIN_IDK -> sample.retainIdk();
      case FORGET_MISMATCH -> sample.forgetMismatch();
    };
  }
}
