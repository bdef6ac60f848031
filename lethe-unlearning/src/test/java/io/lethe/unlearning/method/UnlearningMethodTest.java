package io.lethe.unlearning.method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.unlearning.Slot;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class UnlearningMethodTest {

  /** name → forget term, regulariser, trained forwards, reference forwards. */
  static Stream<Arguments> dispatchTable() {
    return Stream.of(
        Arguments.of("GA", ForgetTerm.GA, Regularizer.NONE, 1, 0),
        Arguments.of("GA+GD", ForgetTerm.GA, Regularizer.GD, 2, 0),
        Arguments.of("GA+KL", ForgetTerm.GA, Regularizer.KL, 2, 1),
        Arguments.of("NPO", ForgetTerm.NPO, Regularizer.NONE, 1, 1),
        Arguments.of("NPO+GD", ForgetTerm.NPO, Regularizer.GD, 2, 1),
        Arguments.of("NPO+KL", ForgetTerm.NPO, Regularizer.KL, 2, 2),
        Arguments.of("ME", ForgetTerm.ME, Regularizer.NONE, 1, 0),
        Arguments.of("ME+GD", ForgetTerm.ME, Regularizer.GD, 2, 0),
        Arguments.of("IDK", ForgetTerm.IDK, Regularizer.NONE, 1, 0),
        Arguments.of("IDK+GD", ForgetTerm.IDK, Regularizer.GD, 2, 0),
        Arguments.of("IDK+KL", ForgetTerm.IDK, Regularizer.KL, 2, 1),
        Arguments.of("IDK+AP", ForgetTerm.IDK, Regularizer.AP, 3, 0),
        Arguments.of("DPO", ForgetTerm.DPO, Regularizer.NONE, 2, 2),
        Arguments.of("DPO+GD", ForgetTerm.DPO, Regularizer.GD, 3, 2),
        Arguments.of("DPO+KL", ForgetTerm.DPO, Regularizer.KL, 3, 3),
        Arguments.of("LLMU", ForgetTerm.GA, Regularizer.MISMATCH_KL, 3, 1),
        Arguments.of("CAPPED_GA", ForgetTerm.CAPPED_GA, Regularizer.NONE, 1, 0),
        Arguments.of("CAPPED_GA+GD", ForgetTerm.CAPPED_GA, Regularizer.GD, 2, 0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dispatchTable")
  void parsesEveryPaperName(
      String name, ForgetTerm forget, Regularizer regularizer, int trained, int reference) {
    UnlearningMethod method = UnlearningMethod.parse(name);

    assertThat(method.forget()).isEqualTo(forget);
    assertThat(method.regularizer()).isEqualTo(regularizer);
    assertThat(method.name()).isEqualTo(name);
    assertThat(method.trainedForwardCount()).isEqualTo(trained);
    assertThat(method.referenceForwardCount()).isEqualTo(reference);
    assertThat(method.needsReference()).isEqualTo(reference > 0);
  }

  @Test
  void theTableCoversEveryPublishedName() {
    List<String> all = new ArrayList<>(UnlearningMethod.CLOSER_LOOK_NAMES);
    all.addAll(UnlearningMethod.CAPPED_NAMES);

    assertThat(dispatchTable().map(a -> (String) a.get()[0])).containsExactlyElementsOf(all);
  }

  @Test
  void followsSubstringDispatchLikeSailSg() {
    // Forget term: first of GA, NPO, DPO, ME, IDK contained anywhere; regulariser: first of GD, KL,
    // AP contained anywhere.
    assertThat(UnlearningMethod.parse("ME+GA").name()).isEqualTo("GA");
    assertThat(UnlearningMethod.parse("KL+NPO").name()).isEqualTo("NPO+KL");
    assertThat(UnlearningMethod.parse("IDK+AP+GD").name()).isEqualTo("IDK+GD");
    assertThat(UnlearningMethod.parse("NPO_KL").name()).isEqualTo("NPO+KL");
    assertThat(UnlearningMethod.parse("DPO+IDK").name()).isEqualTo("DPO");
    // "IDK" contains no "KL": IDK alone has no regulariser.
    assertThat(UnlearningMethod.parse("IDK").regularizer()).isEqualTo(Regularizer.NONE);
  }

  @Test
  void acceptsUnlearningWithControlLossNames() {
    assertThat(UnlearningMethod.parse("only_fgt").name()).isEqualTo("CAPPED_GA");
    assertThat(UnlearningMethod.parse("ocr_ce").name()).isEqualTo("CAPPED_GA+GD");
  }

  @ParameterizedTest
  @ValueSource(strings = {"GD", "KL", "ga+gd", "LLMU+GD", "CAPPED_GA+KL", "CAPPED_NPO", ""})
  void rejectsNamesWithoutAForgetTerm(String name) {
    assertThatThrownBy(() -> UnlearningMethod.parse(name))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsCombinationsThePapersDoNotDefine() {
    assertThatThrownBy(() -> new UnlearningMethod(ForgetTerm.CAPPED_GA, Regularizer.KL))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new UnlearningMethod(ForgetTerm.NPO, Regularizer.MISMATCH_KL))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void slotsAreExactlyWhatTheForwardsRead() {
    assertThat(UnlearningMethod.parse("IDK+AP").slots())
        .isEqualTo(Set.of(Slot.FORGET_IDK, Slot.RETAIN, Slot.RETAIN_IDK));
    assertThat(UnlearningMethod.parse("ME+GD").slots()).isEqualTo(Set.of(Slot.FORGET, Slot.RETAIN));
    assertThat(UnlearningMethod.parse("DPO").slots())
        .isEqualTo(Set.of(Slot.FORGET, Slot.FORGET_IDK));
    assertThat(UnlearningMethod.parse("LLMU").slots())
        .isEqualTo(Set.of(Slot.FORGET, Slot.FORGET_MISMATCH, Slot.RETAIN));
  }

  @Test
  void onlyKlReadingMethodsForbidTrimming() {
    for (String name : UnlearningMethod.CLOSER_LOOK_NAMES) {
      UnlearningMethod method = UnlearningMethod.parse(name);
      boolean readsKl = name.contains("KL") || name.equals("LLMU");
      assertThat(method.trimmingPreservesLoss()).as(name).isEqualTo(!readsKl);
      // only the slot KL reads keeps its padding
      assertThat(method.untrimmedSlots())
          .as(name)
          .isEqualTo(readsKl ? Set.of(Slot.RETAIN) : Set.of());
    }
  }
}
