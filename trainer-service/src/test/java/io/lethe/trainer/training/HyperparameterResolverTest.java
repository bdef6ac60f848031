package io.lethe.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lethe.ml.training.FinetuneDefaults;
import io.lethe.schemas.domain.Hyperparameters;
import io.lethe.unlearning.loss.MeForm;
import io.lethe.unlearning.method.UnlearningMethod;
import org.junit.jupiter.api.Test;

/** Defaults per method and kind, and the command's overrides on top of them. */
class HyperparameterResolverTest {

  private static Hyperparameters only(Double lr, Double capRho, String meForm, Integer micro) {
    return new Hyperparameters(
        lr, null, null, micro, null, null, null, null, null, null, null, meForm, null, null, capRho,
        null, null);
  }

  @Test
  void unlearnDefaultsAreTheReferenceRuns() {
    ResolvedHyperparameters hp =
        HyperparameterResolver.unlearn(UnlearningMethod.parse("NPO+GD"), null, 4096);
    assertThat(hp.learningRate()).isEqualTo(1e-5);
    assertThat(hp.epochs()).isEqualTo(5);
    assertThat(hp.effectiveBatch()).isEqualTo(32);
    assertThat(hp.microBatch()).isEqualTo(4);
    assertThat(hp.weightDecay()).isEqualTo(0.01);
    assertThat(hp.maxLength()).isEqualTo(500);
    assertThat(hp.gradientClip()).isZero();
    assertThat(hp.method().forgetCoeff()).isEqualTo(1.0);
    assertThat(hp.method().retainCoeff()).isEqualTo(1.0);
    assertThat(hp.method().beta()).isEqualTo(0.1);
    assertThat(hp.method().maskForgetPrompt()).isTrue();
  }

  @Test
  void meGdUsesTheScaledForgetTermWithoutPromptMask() {
    ResolvedHyperparameters hp =
        HyperparameterResolver.unlearn(UnlearningMethod.parse("ME+GD"), null, 4096);
    assertThat(hp.method().forgetCoeff()).isEqualTo(0.1);
    assertThat(hp.method().maskForgetPrompt()).isFalse();
    assertThat(hp.method().meForm()).isEqualTo(MeForm.KL_U_P);
  }

  @Test
  void cappedGaFollowsUnlearningWithControlAndRhoSetsTheCoefficients() {
    ResolvedHyperparameters alone =
        HyperparameterResolver.unlearn(UnlearningMethod.parse("CAPPED_GA"), null, 4096);
    assertThat(alone.learningRate()).isEqualTo(2e-5);
    assertThat(alone.epochs()).isEqualTo(8);
    assertThat(alone.method().capDelta()).isEqualTo(2.0);
    ResolvedHyperparameters ocrCe =
        HyperparameterResolver.unlearn(
            UnlearningMethod.parse("CAPPED_GA+GD"), only(null, 0.3, null, null), 4096);
    assertThat(ocrCe.method().forgetCoeff()).isEqualTo(0.3);
    assertThat(ocrCe.method().retainCoeff()).isEqualTo(0.7);
  }

  @Test
  void overridesWinAndLengthStaysInsideTheModelsContext() {
    ResolvedHyperparameters hp =
        HyperparameterResolver.unlearn(
            UnlearningMethod.parse("ME"), only(3e-4, null, "kl_p_u", 64), 128);
    assertThat(hp.learningRate()).isEqualTo(3e-4);
    assertThat(hp.method().learningRate()).isEqualTo(3e-4);
    assertThat(hp.method().meForm()).isEqualTo(MeForm.KL_P_U);
    assertThat(hp.microBatch()).as("never more than the effective batch").isEqualTo(32);
    assertThat(hp.maxLength()).isEqualTo(128);
  }

  @Test
  void finetuneDefaultsDependOnWhereTheModelStarts() {
    ResolvedHyperparameters scratch = HyperparameterResolver.finetune(null, true, 4096);
    assertThat(scratch.learningRate()).isEqualTo(FinetuneDefaults.FROM_SCRATCH.learningRate());
    assertThat(scratch.epochs()).isEqualTo(FinetuneDefaults.FROM_SCRATCH.epochs());
    assertThat(scratch.maxLength()).isEqualTo(FinetuneDefaults.FROM_SCRATCH.maxLength());
    assertThat(scratch.method()).isNull();
    ResolvedHyperparameters pretrained = HyperparameterResolver.finetune(null, false, 4096);
    assertThat(pretrained.learningRate()).isEqualTo(FinetuneDefaults.PRETRAINED.learningRate());
    assertThat(pretrained.effectiveBatch()).isEqualTo(32);
  }

  @Test
  void impossibleValuesAreRefused() {
    assertThatThrownBy(
            () ->
                HyperparameterResolver.unlearn(
                    UnlearningMethod.parse("GA"), only(-1.0, null, null, null), 256))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                HyperparameterResolver.unlearn(
                    UnlearningMethod.parse("ME"), only(null, null, "KL", null), 256))
        .hasMessageContaining("KL_U_P");
  }
}
