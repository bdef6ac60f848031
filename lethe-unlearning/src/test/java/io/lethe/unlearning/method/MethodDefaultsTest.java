package io.lethe.unlearning.method;

import static org.assertj.core.api.Assertions.assertThat;

import io.lethe.unlearning.loss.MeForm;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MethodDefaultsTest {

  /** methods.md §1.3 defaults table and §2.3: scenario, method → c_f, c_r, lr, mask. */
  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of(Scenario.TOFU_FICTITIOUS, "GA+GD", 1.0, 1.0, 1e-5, true),
        Arguments.of(Scenario.TOFU_FICTITIOUS, "NPO+GD", 1.0, 1.0, 1e-5, true),
        Arguments.of(Scenario.TOFU_FICTITIOUS, "DPO+KL", 1.0, 1.0, 1e-5, true),
        Arguments.of(Scenario.TOFU_FICTITIOUS, "ME+GD", 0.1, 1.0, 1e-5, false),
        Arguments.of(Scenario.TOFU_FICTITIOUS, "IDK+AP", 1.0, 1.0, 1e-5, true),
        Arguments.of(Scenario.CONTINUAL_TOFU, "GA+GD", 1.0, 1.0, 1e-5, true),
        Arguments.of(Scenario.CONTINUAL_TOFU, "ME+GD", 1.0, 1.0, 1e-5, false),
        Arguments.of(Scenario.CONTINUAL_TOFU, "IDK+AP", 1.0, 1.0, 1e-5, true),
        Arguments.of(Scenario.REAL_WORLD, "NPO+GD", 1.0, 1.0, 1e-5, true),
        Arguments.of(Scenario.REAL_WORLD, "ME+GD", 0.5, 1.0, 5e-6, false),
        Arguments.of(Scenario.REAL_WORLD, "IDK+AP", 1.0, 1.0, 1e-5, true),
        Arguments.of(Scenario.TOFU_FICTITIOUS, "CAPPED_GA", 1.0, 0.0, 2e-5, true),
        Arguments.of(Scenario.TOFU_FICTITIOUS, "CAPPED_GA+GD", 0.1, 0.9, 2e-5, true));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("table")
  void matchesThePublishedScripts(
      Scenario scenario, String name, double cf, double cr, double lr, boolean mask) {
    MethodHyperparameters hp = MethodDefaults.of(name, scenario);

    assertThat(hp.forgetCoeff()).isEqualTo(cf);
    assertThat(hp.retainCoeff()).isEqualTo(cr);
    assertThat(hp.learningRate()).isEqualTo(lr);
    assertThat(hp.maskForgetPrompt()).isEqualTo(mask);
    assertThat(hp.beta()).isEqualTo(0.1);
  }

  @Test
  void meUsesTheCodeFormOverPaddingAndCappingUsesDeltaTwo() {
    MethodHyperparameters hp = MethodDefaults.of("ME+GD", Scenario.TOFU_FICTITIOUS);

    assertThat(hp.meForm()).isEqualTo(MeForm.KL_U_P);
    assertThat(hp.meIncludePadding()).isTrue();
    assertThat(MethodDefaults.of("CAPPED_GA+GD", Scenario.TOFU_FICTITIOUS).capDelta())
        .isEqualTo(2.0);
  }
}
